/** The API's JSON shapes the dashboards read (see /api/v1/openapi.json). Ids are strings. */

export type Role = 'admin' | 'analyst' | 'agent' | 'viewer' | (string & {});
export interface Session {
  name: string;
  role: Role;
}

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export type SignalName = 'discontent' | 'churn_intent' | 'disappointment' | 'confusion';
export type Signals = Record<SignalName, number>;

export interface DailyStat {
  /** Calendar day, YYYY-MM-DD. */
  day: string;
  total: number;
  analysed: number;
  negative: number;
  neutral: number;
  positive: number;
  dissatisfied: number;
  ideas: number;
}

export interface Summary {
  mentions: number;
  analysed: number;
  dissatisfied: number;
  ideas: number;
  /** Share of analysed mentions that are negative, in [0, 1]. */
  negativeShare: number;
  signals: Signals;
  languages: Record<string, number>;
  sources: { active: number; paused: number; failed: number };
}

export interface Evidence {
  target: SignalName | 'sentiment' | 'dissatisfied' | 'idea';
  match: string;
  start?: number | null;
  weight: number;
}

export interface Analysis {
  sentiment: { label: SentimentLabel; score: number };
  dissatisfied: boolean;
  signals: Signals;
  idea: boolean;
  evidence: Evidence[];
  modelVersion: string;
}

export interface Author {
  id: string;
  handle: string | null;
  name: string | null;
  profileUrl: string | null;
  followers: number | null;
}

export interface Mention {
  id: string;
  platform: string;
  externalId: string;
  url: string | null;
  title: string | null;
  text: string;
  lang: string | null;
  publishedAt: string;
  author: Author | null;
  source: { id: string; name: string; kind: string } | null;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  score: number | null;
  analysis: Analysis | null;
  topics: { id: string; name: string; matchedTerms: string[] }[];
  /** The canonical mention this one copies (same post through another source), if any. */
  duplicateOf: string | null;
  /** Copies grouped under this mention; they do not count as volume. */
  duplicateCount: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type SourceStatus = 'active' | 'paused' | 'failed';
export interface Source {
  id: string;
  kind: string;
  name: string;
  status: SourceStatus;
  config: Record<string, unknown>;
  pollIntervalS: number | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  nextPollAt: string | null;
  itemsTotal: number;
  /** String fields cleaned of NUL or unpaired surrogates on the way in (older APIs omit it). */
  sanitizedTotal?: number;
  quota: { limit: number; remaining: number; resetAt: string | null } | null;
  /** How the last successful fetch was read: the decoding and the slips it tolerated. */
  fetchNotes?: {
    decoding?: { encoding: string; source: string };
    warnings: string[];
  } | null;
}

export interface Topic {
  id: string;
  name: string;
  query: unknown;
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: { field: string; reason: string }[] };
}
