import { api } from '../../api/client.js';

export interface TopicItem {
  id: string;
  name: string;
  query: string;
  queryVersion: number;
  updatedAt: string;
  rerunJobId?: string;
}

export type QueryCheck =
  { ok: true; normalised: string } | { ok: false; position: number; reason: string };

export interface PreviewSample {
  id: string;
  platform: string;
  url: string | null;
  title: string | null;
  text: string;
  author: string | null;
  lang: string | null;
  publishedAt: string;
  matchedTerms: string[];
}

export interface TopicPreview {
  matched: number;
  scanned: number;
  total: number;
  complete: boolean;
  estimatedMatches: number;
  tookMs: number;
  sample: PreviewSample[];
}

export interface RerunStatus {
  version: number;
  state: string;
  progress: { scanned: number; total: number; matched: number; percent: number } | null;
  result: { status: string; matched: number } | null;
  failedReason: string | null;
}

export const topicsApi = {
  list: async (signal?: AbortSignal) =>
    (await api<{ items: TopicItem[] }>('/topics', { signal })).items,
  validate: (query: string, signal?: AbortSignal) =>
    api<QueryCheck>('/topics/validate', { method: 'POST', body: { query }, signal }),
  preview: (query: string, signal?: AbortSignal) =>
    api<TopicPreview>('/topics/preview', { method: 'POST', body: { query }, signal }),
  create: (name: string, query: string) =>
    api<TopicItem>('/topics', { method: 'POST', body: { name, query } }),
  edit: (id: string, body: { name?: string; query?: string }) =>
    api<TopicItem>(`/topics/${id}`, { method: 'PATCH', body }),
  rerun: (id: string, signal?: AbortSignal) => api<RerunStatus>(`/topics/${id}/rerun`, { signal }),
};
