import { DEFAULT_INFLUENCE_SETTINGS } from './influence-settings.js';

/** One exported field: what it is, its unit, how it is computed. Shipped with every JSON export. */
export interface MetricDefinition {
  field: string;
  label: string;
  unit: string;
  description: string;
}

const w = DEFAULT_INFLUENCE_SETTINGS.compositeWeights;
const e = DEFAULT_INFLUENCE_SETTINGS.edgeWeights;

/**
 * The metric dictionary, in export column order. core/influence/README.md repeats it for readers
 * of the docs; this list is what the API serves (`GET /influencers/dictionary`).
 */
export const METRIC_DICTIONARY: readonly MetricDefinition[] = [
  {
    field: 'rank',
    label: 'Rank',
    unit: 'position',
    description:
      'Position by influence score in the run (1 = most influential); ties by author id.',
  },
  {
    field: 'authorId',
    label: 'Author id',
    unit: 'id',
    description: "Écoute's id of the author; /mentions?author=ID lists their mentions.",
  },
  {
    field: 'handle',
    label: 'Handle',
    unit: 'text',
    description: "The author's handle on their platform.",
  },
  {
    field: 'name',
    label: 'Name',
    unit: 'text',
    description: 'Display name, as the platform gives it.',
  },
  {
    field: 'platform',
    label: 'Platform',
    unit: 'text',
    description:
      'mastodon, bluesky, reddit, hackernews, rss, … Handles are resolved within one platform only.',
  },
  {
    field: 'profileUrl',
    label: 'Profile',
    unit: 'URL',
    description: "The author's public profile.",
  },
  {
    field: 'lang',
    label: 'Language',
    unit: 'ISO 639-1',
    description: "Most frequent language of the author's analysed mentions in the window.",
  },
  {
    field: 'score',
    label: 'Influence score',
    unit: '0–100',
    description: `Composite: 100 × (${w.pagerank} × PageRank + ${w.inDegree} × in-degree + ${w.reach} × reach + ${w.engagement} × engagement + ${w.volume} × volume), each metric scaled to 0..1 against the run's maximum (PageRank linearly, the others on a log scale). The score_* columns are the five contributions and add up to it.`,
  },
  {
    field: 'pagerank',
    label: 'PageRank',
    unit: 'share (sums to 1)',
    description: `PageRank (damping ${DEFAULT_INFLUENCE_SETTINGS.alpha}, dangling mass spread uniformly, as networkx) of the weighted author → author interaction graph: reply ${e.reply}, quote ${e.quote}, repost ${e.repost}, @mention ${e.mention} per interaction. Self-loops and bot-like authors' interactions are left out.`,
  },
  {
    field: 'inDegree',
    label: 'In-degree',
    unit: 'authors',
    description:
      'Distinct authors who replied to, mentioned, quoted or reposted this author in the window.',
  },
  {
    field: 'outDegree',
    label: 'Out-degree',
    unit: 'authors',
    description: 'Distinct authors this author replied to, mentioned, quoted or reposted.',
  },
  {
    field: 'inWeight',
    label: 'Weighted in-degree',
    unit: 'weighted interactions',
    description: 'Sum of the weights of the incoming interactions.',
  },
  {
    field: 'outWeight',
    label: 'Weighted out-degree',
    unit: 'weighted interactions',
    description: 'Sum of the weights of the outgoing interactions.',
  },
  {
    field: 'followers',
    label: 'Reach',
    unit: 'followers',
    description:
      'Followers as the platform last reported them; empty where the platform gives none (RSS, Hacker News, Reddit).',
  },
  {
    field: 'volume',
    label: 'Volume',
    unit: 'mentions',
    description: 'Mentions the author published in the topic and window.',
  },
  {
    field: 'interactions',
    label: 'Interactions',
    unit: 'count',
    description:
      'Likes + reposts + replies those mentions received, as the platforms counted them.',
  },
  {
    field: 'engagement',
    label: 'Engagement',
    unit: 'interactions per mention',
    description: 'interactions / volume.',
  },
  {
    field: 'engagementRate',
    label: 'Engagement rate',
    unit: 'interactions per mention per follower',
    description: 'engagement / followers; empty when followers are unknown or zero.',
  },
  {
    field: 'analysed',
    label: 'Analysed mentions',
    unit: 'mentions',
    description: 'Mentions of the window with a sentiment and signal analysis.',
  },
  {
    field: 'negativeShare',
    label: 'Negative share',
    unit: '0–1',
    description:
      'Share of the analysed mentions that are negative or dissatisfied (discontent, churn intent, disappointment, confusion).',
  },
  {
    field: 'stance',
    label: 'Stance',
    unit: 'label',
    description: `negative when the negative share ≥ ${DEFAULT_INFLUENCE_SETTINGS.negativeStanceShare}; positive when ≥ ${DEFAULT_INFLUENCE_SETTINGS.positiveStanceShare} of mentions are positive and the negative share < 0.25; neutral otherwise; unknown when nothing is analysed.`,
  },
  {
    field: 'flagBearer',
    label: 'Flag-bearer of discontent',
    unit: 'true/false',
    description: `Negative stance, not bot-like, and in the top ${DEFAULT_INFLUENCE_SETTINGS.flagBearerTopShare * 100} % of the ranking.`,
  },
  {
    field: 'botLike',
    label: 'Bot-like',
    unit: 'true/false',
    description: `Declared automated by the platform, more than ${DEFAULT_INFLUENCE_SETTINGS.botMaxPerDay} mentions a day, or at least ${DEFAULT_INFLUENCE_SETTINGS.botMinRepeatVolume} mentions with at most ${DEFAULT_INFLUENCE_SETTINGS.botMaxDistinctShare * 100} % distinct texts. Their interactions pass on no PageRank; listings leave them out unless asked.`,
  },
  {
    field: 'botReason',
    label: 'Bot-like because',
    unit: 'text',
    description: 'Why the author looks automated.',
  },
  {
    field: 'score_pagerank',
    label: 'Score from PageRank',
    unit: 'points',
    description: '100 × weight × PageRank / max PageRank.',
  },
  {
    field: 'score_inDegree',
    label: 'Score from in-degree',
    unit: 'points',
    description: '100 × weight × log(1 + in-degree) / log(1 + max in-degree).',
  },
  {
    field: 'score_reach',
    label: 'Score from reach',
    unit: 'points',
    description: '100 × weight × log(1 + followers) / log(1 + max followers).',
  },
  {
    field: 'score_engagement',
    label: 'Score from engagement',
    unit: 'points',
    description: '100 × weight × log(1 + engagement) / log(1 + max engagement).',
  },
  {
    field: 'score_volume',
    label: 'Score from volume',
    unit: 'points',
    description: '100 × weight × log(1 + volume) / log(1 + max volume).',
  },
];
