import { api, buildUrl } from '../../api/client.js';
import type { Scope } from '../../api/endpoints.js';
import type { Mention, Page } from '../../api/types.js';

export type Stance = 'negative' | 'neutral' | 'positive' | 'unknown';
export type SortKey =
  'score' | 'pagerank' | 'inDegree' | 'reach' | 'engagement' | 'volume' | 'negativeShare';

export interface ScoreComponent {
  value: number;
  normalised: number;
  weight: number;
  contribution: number;
}

export interface Influencer {
  authorId: string;
  handle: string;
  name: string | null;
  platform: string;
  profileUrl: string | null;
  lang: string | null;
  rank: number;
  score: number;
  pagerank: number;
  inDegree: number;
  outDegree: number;
  followers: number | null;
  volume: number;
  engagement: number;
  negativeShare: number | null;
  stance: Stance;
  flagBearer: boolean;
  botLike: boolean;
  botReason: string | null;
  breakdown: { components: Record<string, ScoreComponent>; total: number };
}

export interface InfluenceRun {
  topicId: string | null;
  windowDays: number;
  windowEnd: string;
  computedAt: string;
  authors: number;
  edges: number;
}

export interface InfluencerPage extends Page<Influencer> {
  run: InfluenceRun | null;
}

export interface NetworkEdge {
  source: string;
  target: string;
  weight: number;
  replies: number;
  mentions: number;
  quotes: number;
  reposts: number;
}

export interface Network {
  run: InfluenceRun | null;
  nodes: Influencer[];
  edges: NetworkEdge[];
}

/** The page's own filters, kept in the URL beside the scope. */
export interface InfluencerFilters {
  stance: string | null;
  platform: string | null;
  lang: string | null;
  sort: SortKey;
}

const query = (scope: Scope, f: InfluencerFilters) => ({
  window: scope.days,
  topic: scope.topic,
  stance: f.stance,
  platform: f.platform,
  lang: f.lang,
});

export function fetchInfluencers(
  scope: Scope,
  f: InfluencerFilters,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<InfluencerPage> {
  return api<InfluencerPage>('/influencers', {
    query: { ...query(scope, f), sort: f.sort, limit: 25, cursor },
    signal,
  });
}

/** The top authors and their interactions; the picture stays legible at 60 nodes. */
export function fetchNetwork(scope: Scope, f: InfluencerFilters, signal?: AbortSignal) {
  return api<Network>('/influencers/network', { query: { ...query(scope, f), top: 60 }, signal });
}

/** A same-origin download link: the session cookie authenticates it. */
export function exportUrl(scope: Scope, f: InfluencerFilters, format: 'csv' | 'json' | 'gexf') {
  return buildUrl('/influencers/export', { ...query(scope, f), format });
}

/** The author's mentions in the page's topic and window, newest first. */
export function fetchAuthorMentions(scope: Scope, authorId: string, signal?: AbortSignal) {
  const from = new Date(Date.now() - scope.days * 86_400_000).toISOString();
  return api<Page<Mention>>('/mentions', {
    query: { author: authorId, topic: scope.topic, from, limit: 10 },
    signal,
  });
}
