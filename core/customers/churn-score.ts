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

/** The churn risk (0–100) of one account from its mentions at `now`, with its breakdown. */
export function scoreChurnRisk(
  mentions: ScoredMention[],
  w: ChurnWeights,
  now: Date,
  conversations: ConversationFigures = { unanswered: 0, breached: 0 },
): RiskBreakdown {
  const inWindow = mentions.filter((m) => ageDays(m, now) <= w.windowDays && ageDays(m, now) >= -1);
  const signals = signalFactor(inWindow, w, now);
  const trend = trendFactor(inWindow, w, now);
  const negativeShare = negativeFactor(inWindow, w, now);
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

function ageDays(m: ScoredMention, now: Date): number {
  return (now.getTime() - m.publishedAt.getTime()) / DAY_MS;
}

const decay = (m: ScoredMention, w: ChurnWeights, now: Date) =>
  Math.pow(0.5, Math.max(0, ageDays(m, now)) / w.halfLifeDays);

/** Σ weight × score over the four signals, undecayed. */
function intensity(m: ScoredMention, w: ChurnWeights): number {
  return SIGNAL_NAMES.reduce((sum, s) => sum + w.signalWeights[s] * clamp01(m.signals[s]), 0);
}

function signalFactor(mentions: ScoredMention[], w: ChurnWeights, now: Date) {
  const parts = mentions.map((m) => {
    const d = decay(m, w, now);
    const bySignal = Object.fromEntries(
      SIGNAL_NAMES.map((s) => [s, w.signalWeights[s] * clamp01(m.signals[s]) * d]),
    ) as Record<SignalName, number>;
    return { id: m.id, bySignal, total: SIGNAL_NAMES.reduce((t, s) => t + bySignal[s], 0) };
  });
  const pressure = parts.reduce((t, p) => t + p.total, 0);
  const points = r2(w.maxSignalPoints * (1 - Math.exp(-pressure / w.signalSaturation)));
  const scale = pressure > 0 ? points / pressure : 0;
  const bySignal = Object.fromEntries(SIGNAL_NAMES.map((s) => [s, 0])) as Record<
    SignalName,
    number
  >;
  for (const p of parts) for (const s of SIGNAL_NAMES) bySignal[s] += p.bySignal[s] * scale;
  roundToTotal(bySignal, points);
  const ranked = parts.filter((p) => p.total > 0).sort((a, b) => b.total - a.total);
  const top: MentionContribution[] = ranked.slice(0, TOP_MENTIONS).map((p) => ({
    mentionId: p.id,
    points: r2(p.total * scale),
    signals: Object.fromEntries(
      SIGNAL_NAMES.filter((s) => p.bySignal[s] > 0).map((s) => [s, r2(p.bySignal[s] * scale)]),
    ),
  }));
  const other = r2(points - top.reduce((t, m) => t + m.points, 0));
  return { factor: { points, pressure: r2(pressure), bySignal }, mentions: top, other };
}

function trendFactor(mentions: ScoredMention[], w: ChurnWeights, now: Date) {
  let recent = 0;
  let baseline = 0;
  for (const m of mentions) {
    if (ageDays(m, now) < w.recentDays) recent += intensity(m, w);
    else baseline += intensity(m, w);
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

function negativeFactor(mentions: ScoredMention[], w: ChurnWeights, now: Date) {
  let all = 0;
  let negative = 0;
  for (const m of mentions) {
    const d = decay(m, w, now);
    all += d;
    if (m.sentiment === 'negative') negative += d;
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
