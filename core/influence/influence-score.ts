import type { CompositeComponent, InfluenceSettings } from './influence-settings.js';

/** What is known of one author in one window, before scoring. */
export interface AuthorMetrics {
  authorId: string;
  platform: string;
  lang: string | null;
  followers: number | null;
  pagerank: number;
  /** Distinct authors who replied to, mentioned, quoted or reposted them / whom they did. */
  inDegree: number;
  outDegree: number;
  /** Summed edge weights in and out. */
  inWeight: number;
  outWeight: number;
  /** Their mentions in the window. */
  volume: number;
  /** Likes + reposts + replies those mentions received. */
  interactions: number;
  analysed: number;
  /** Analysed mentions that are negative or dissatisfied / positive and not dissatisfied. */
  negative: number;
  positive: number;
  botReason: string | null;
}

export type Stance = 'negative' | 'neutral' | 'positive' | 'unknown';

/** One part of the composite: contributions add up to the score (0..100). */
export interface ScoreComponent {
  /** The raw metric (PageRank, distinct in-degree, followers, interactions per mention, mentions). */
  value: number;
  /** The metric scaled to 0..1 against the window's maximum (log scale except PageRank). */
  normalised: number;
  weight: number;
  /** 100 × weight × normalised. */
  contribution: number;
}

export interface ScoreBreakdown {
  components: Record<CompositeComponent, ScoreComponent>;
  total: number;
}

export interface AuthorScore extends AuthorMetrics {
  rank: number;
  score: number;
  /** Interactions per mention. */
  engagement: number;
  /** Interactions per mention per follower; null when the platform gives no follower count. */
  engagementRate: number | null;
  negativeShare: number | null;
  stance: Stance;
  flagBearer: boolean;
  botLike: boolean;
  breakdown: ScoreBreakdown;
}

const COMPONENTS: readonly CompositeComponent[] = [
  'pagerank',
  'inDegree',
  'reach',
  'engagement',
  'volume',
];

const engagementOf = (m: AuthorMetrics) => (m.volume > 0 ? m.interactions / m.volume : 0);

function rawValue(m: AuthorMetrics, c: CompositeComponent): number {
  switch (c) {
    case 'pagerank':
      return m.pagerank;
    case 'inDegree':
      return m.inDegree;
    case 'reach':
      return m.followers ?? 0;
    case 'engagement':
      return engagementOf(m);
    case 'volume':
      return m.volume;
  }
}

/**
 * Scales a metric to 0..1 against the window's maximum. Followers, degrees, engagement and volume
 * are heavy-tailed (one account with 1,000,000 followers would flatten everyone else), so they
 * are compared on a log scale; PageRank is already a share of attention and is compared as is.
 */
function normalise(c: CompositeComponent, value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return c === 'pagerank' ? value / max : Math.log1p(value) / Math.log1p(max);
}

export function stanceOf(m: AuthorMetrics, settings: InfluenceSettings): Stance {
  if (m.analysed === 0) return 'unknown';
  const negative = m.negative / m.analysed;
  if (negative >= settings.negativeStanceShare) return 'negative';
  if (m.positive / m.analysed >= settings.positiveStanceShare && negative < 0.25) return 'positive';
  return 'neutral';
}

/**
 * The composite influence score of every author of a window, ranked best first (ties by author
 * id, highest first, as the listings page them). Score = Σ 100 × weight × normalised metric,
 * summed in a fixed order so the breakdown adds up to the score exactly. A flag-bearer of discontent is a negative author in the top
 * `flagBearerTopShare` of the ranking who is not bot-like.
 */
export function scoreAuthors(metrics: AuthorMetrics[], settings: InfluenceSettings): AuthorScore[] {
  const max = Object.fromEntries(
    COMPONENTS.map((c) => [c, metrics.reduce((m, a) => Math.max(m, rawValue(a, c)), 0)]),
  ) as Record<CompositeComponent, number>;
  const scored = metrics.map((m) => {
    const breakdown = breakdownOf(m, max, settings);
    return {
      ...m,
      rank: 0,
      score: breakdown.total,
      engagement: engagementOf(m),
      engagementRate: m.followers ? engagementOf(m) / m.followers : null,
      negativeShare: m.analysed > 0 ? m.negative / m.analysed : null,
      stance: stanceOf(m, settings),
      flagBearer: false,
      botLike: m.botReason !== null,
      breakdown,
    };
  });
  scored.sort((a, b) => b.score - a.score || compareIds(b.authorId, a.authorId));
  const top = Math.ceil(scored.length * settings.flagBearerTopShare);
  scored.forEach((s, i) => {
    s.rank = i + 1;
    s.flagBearer = s.stance === 'negative' && !s.botLike && s.rank <= top;
  });
  return scored;
}

function breakdownOf(
  m: AuthorMetrics,
  max: Record<CompositeComponent, number>,
  settings: InfluenceSettings,
): ScoreBreakdown {
  const components = {} as Record<CompositeComponent, ScoreComponent>;
  let total = 0;
  for (const c of COMPONENTS) {
    const value = rawValue(m, c);
    const normalised = normalise(c, value, max[c]);
    const weight = settings.compositeWeights[c];
    const contribution = 100 * weight * normalised;
    components[c] = { value, normalised, weight, contribution };
    total += contribution;
  }
  return { components, total };
}

/** Numeric order of bigint ids held as strings. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
