import { api } from '../../api/client.js';
import type { Scope } from '../../api/endpoints.js';

export interface DriverDef {
  key: string;
  name: string;
  description: string;
  phrases: { fr: string[]; en: string[] };
}
export interface Taxonomy {
  version: number;
  drivers: DriverDef[];
  minScore: number;
}
export interface SummaryItem {
  driver: string | null;
  count: number;
  share: number;
  previous: number;
  trend: number;
}
export interface Summary {
  total: number;
  items: SummaryItem[];
}
export interface Series {
  days: string[];
  series: { driver: string; counts: number[] }[];
}
export interface Segments {
  by: string;
  items: { segment: string; drivers: { driver: string | null; count: number }[] }[];
}
export interface DriverMention {
  mentionId: string;
  text: string;
  url: string | null;
  platform: string;
  author: string | null;
  publishedAt: string;
  driver: string | null;
  score: number;
  evidence: { match: string; start: number; weight: number }[];
  source: string;
  taxonomyVersion: number;
}
export interface Candidate {
  id: string;
  label: string;
  score: number;
  phrases: { phrase: string; display: string; z: number; count: number; baseCount: number }[];
  mentions: number;
  examples: { mentionId: string; text: string }[];
  window: { start: string; end: string; total: number };
}

const q = (scope: Scope) => ({ days: scope.days, topicId: scope.topic });

export const fetchTaxonomy = (signal?: AbortSignal) =>
  api<Taxonomy>('/drivers/taxonomy', { signal });
export const fetchSummary = (scope: Scope, signal?: AbortSignal) =>
  api<Summary>('/drivers/summary', { query: q(scope), signal });
export const fetchSeries = (scope: Scope, signal?: AbortSignal) =>
  api<Series>('/drivers/series', { query: q(scope), signal });
export const fetchSegments = (scope: Scope, by: string, signal?: AbortSignal) =>
  api<Segments>('/drivers/segments', { query: { ...q(scope), by }, signal });
export const fetchAccount = (customerId: string, signal?: AbortSignal) =>
  api<{ customerId: string; drivers: { driver: string; count: number; share: number }[] }>(
    `/drivers/accounts/${encodeURIComponent(customerId)}`,
    { signal },
  );
export const fetchMentions = (scope: Scope, driver: string, signal?: AbortSignal) =>
  api<{ items: DriverMention[]; nextCursor: string | null }>(
    `/drivers/${encodeURIComponent(driver)}/mentions`,
    {
      query: { ...q(scope), limit: 20 },
      signal,
    },
  );
export const fetchEmerging = (scope: Scope, signal?: AbortSignal) =>
  api<{ items: Candidate[] }>('/drivers/emerging', { query: { topicId: scope.topic }, signal });
export const promote = (id: string, name: string) =>
  api<{ driver: DriverDef; taxonomyVersion: number }>(
    `/drivers/emerging/${encodeURIComponent(id)}/promote`,
    {
      method: 'POST',
      body: { name },
    },
  );
