import { SIGNAL_NAMES, type ChurnWeights, type SignalName } from './churn-weights.js';

/** One analysed mention of a linked author, as the score needs it. */
export interface ScoredMention {
  id: string;
  publishedAt: Date;
  sentiment: 'negative' | 'neutral' | 'positive';
  signals: Partial<Record<SignalName, number>>;
}

/** Conversation figures from the inbox (all 0 until it exists). */
export interface ConversationFigures {
  unanswered: number;
  breached: number;
}

export interface MentionContribution {
  mentionId: string;
  points: number;
  /** Points by signal for this mention. */
  signals: Partial<Record<SignalName, number>>;
}

/**
 * The score and exactly how it was reached: `score` equals the sum of the four factors' points,
 * and the signal factor's points equal the sum of `bySignal`, and of `mentions` plus
 * `otherMentionsPoints`.
 */
export interface RiskBreakdown {
  score: number;
  factors: {
    signals: { points: number; pressure: number; bySignal: Record<SignalName, number> };
    trend: { points: number; recentPerDay: number; baselinePerDay: number };
    negativeShare: { points: number; share: number; mentions: number };
    conversations: { points: number; unanswered: number; breached: number; note: string };
  };
  mentions: MentionContribution[];
  otherMentionsPoints: number;
  halfLifeDays: number;
  computedAt: string;
}

const DAY_MS = 86_400_000;
/** How many contributing mentions the breakdown names; the rest are summed. */
const TOP_MENTIONS = 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

/** One mention in the window, with what every factor reads of it computed once. */
interface Prepared {
  id: string;
  ageDays: number;
  /** 0.5^(age / half-life), age floored at 0. */
  decay: number;
  negative: boolean;
  /** weight × clamped score per signal, in SIGNAL_NAMES order (undecayed). */
  weighted: number[];
}

/**
 * The churn risk (0–100) of one account from its mentions at `now`, with its breakdown.
 * Each mention's age, decay and weighted signals are computed once and shared by the factors
 * (the risk job scores ~300 accounts per analysis batch); the arithmetic, and its order, is
 * the one documented in churn-weights.ts.
 */
export function scoreChurnRisk(
  mentions: ScoredMention[],
  w: ChurnWeights,
  now: Date,
  conversations: ConversationFigures = { unanswered: 0, breached: 0 },
): RiskBreakdown {
  const nowMs = now.getTime();
  const weights = SIGNAL_NAMES.map((s) => w.signalWeights[s]);
  const inWindow: Prepared[] = [];
  for (const m of mentions) {
    const age = (nowMs - m.publishedAt.getTime()) / DAY_MS;
    if (!(age <= w.windowDays && age >= -1)) continue;
    inWindow.push({
      id: m.id,
      ageDays: age,
      decay: Math.pow(0.5, Math.max(0, age) / w.halfLifeDays),
      negative: m.sentiment === 'negative',
      weighted: SIGNAL_NAMES.map((s, k) => weights[k]! * clamp01(m.signals[s])),
    });
  }
  const signals = signalFactor(inWindow, w);
  const trend = trendFactor(inWindow, w);
  const negativeShare = negativeFactor(inWindow, w);
  const conversationPoints = r2(
    Math.min(
      w.maxConversationPoints,
      conversations.unanswered * w.pointsPerUnanswered + conversations.breached * w.pointsPerBreach,
    ),
  );
  const score = r2(
    signals.factor.points + trend.points + negativeShare.points + conversationPoints,
  );
  return {
    score,
    factors: {
      signals: signals.factor,
      trend,
      negativeShare,
      conversations: {
        points: conversationPoints,
        ...conversations,
        note: 'conversations waiting for a first answer, and missed response targets (90 days)',
      },
    },
    mentions: signals.mentions,
    otherMentionsPoints: signals.other,
    halfLifeDays: w.halfLifeDays,
    computedAt: now.toISOString(),
  };
}

/** Σ weight × score over the four signals, undecayed. */
function intensity(m: Prepared): number {
  let sum = 0;
  for (const x of m.weighted) sum += x;
  return sum;
}

function signalFactor(mentions: Prepared[], w: ChurnWeights) {
  const n = SIGNAL_NAMES.length;
  const parts = mentions.map((m) => {
    const bySignal = m.weighted.map((x) => x * m.decay);
    let total = 0;
    for (const x of bySignal) total += x;
    return { id: m.id, bySignal, total };
  });
  let pressure = 0;
  for (const p of parts) pressure += p.total;
  const points = r2(w.maxSignalPoints * (1 - Math.exp(-pressure / w.signalSaturation)));
  const scale = pressure > 0 ? points / pressure : 0;
  const sums = new Array<number>(n).fill(0);
  for (const p of parts) for (let k = 0; k < n; k++) sums[k]! += p.bySignal[k]! * scale;
  const bySignal = {} as Record<SignalName, number>;
  SIGNAL_NAMES.forEach((s, k) => (bySignal[s] = sums[k]!));
  roundToTotal(bySignal, points);
  const ranked = parts.filter((p) => p.total > 0).sort((a, b) => b.total - a.total);
  const top: MentionContribution[] = ranked.slice(0, TOP_MENTIONS).map((p) => {
    const signals: Partial<Record<SignalName, number>> = {};
    SIGNAL_NAMES.forEach((s, k) => {
      if (p.bySignal[k]! > 0) signals[s] = r2(p.bySignal[k]! * scale);
    });
    return { mentionId: p.id, points: r2(p.total * scale), signals };
  });
  let named = 0;
  for (const m of top) named += m.points;
  const other = r2(points - named);
  return { factor: { points, pressure: r2(pressure), bySignal }, mentions: top, other };
}

function trendFactor(mentions: Prepared[], w: ChurnWeights) {
  let recent = 0;
  let baseline = 0;
  for (const m of mentions) {
    if (m.ageDays < w.recentDays) recent += intensity(m);
    else baseline += intensity(m);
  }
  const recentPerDay = recent / w.recentDays;
  const baselinePerDay = baseline / Math.max(1, w.windowDays - w.recentDays);
  const total = recentPerDay + baselinePerDay;
  const rise = total > 0 ? (recentPerDay - baselinePerDay) / total : 0;
  return {
    points: r2(w.maxTrendPoints * Math.max(0, rise)),
    recentPerDay: round4(recentPerDay),
    baselinePerDay: round4(baselinePerDay),
  };
}

function negativeFactor(mentions: Prepared[], w: ChurnWeights) {
  let all = 0;
  let negative = 0;
  for (const m of mentions) {
    all += m.decay;
    if (m.negative) negative += m.decay;
  }
  const n = mentions.length;
  const share = all > 0 ? negative / all : 0;
  const damping = n / (n + w.negativeShareDamping);
  return { points: r2(w.maxNegativePoints * share * damping), share: r2(share), mentions: n };
}

/** Rounds each value to cents so that they still add up exactly to `total` (largest remainder). */
function roundToTotal(values: Record<string, number>, total: number): void {
  const keys = Object.keys(values);
  const cents = keys.map((k) => Math.floor(values[k]! * 100 + 1e-9));
  let missing = Math.round(total * 100) - cents.reduce((a, b) => a + b, 0);
  const order = keys
    .map((k, i) => ({ i, rest: values[k]! * 100 - cents[i]! }))
    .sort((a, b) => b.rest - a.rest);
  for (let j = 0; missing > 0 && j < order.length; j++, missing--) cents[order[j]!.i]! += 1;
  keys.forEach((k, i) => (values[k] = cents[i]! / 100));
}

const clamp01 = (x: number | undefined) =>
  x && Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
