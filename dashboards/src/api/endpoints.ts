import { api } from './client.js';
import type { DailyStat, Mention, Page, Session, Source, Summary, Topic } from './types.js';

/** The filters every listening page shares: a time window in days and an optional topic. */
export interface Scope {
  days: number;
  topic: string | null;
}

export const session = {
  get: (signal?: AbortSignal) => api<Session>('/session', { signal }),
  login: (apiKey: string) => api<Session>('/session', { method: 'POST', body: { apiKey } }),
  loginWithPassword: (email: string, password: string) =>
    api<Session>('/session', { method: 'POST', body: { email, password } }),
  logout: () => api<void>('/session', { method: 'DELETE' }),
};

export function fetchSummary(scope: Scope, signal?: AbortSignal): Promise<Summary> {
  return api<Summary>('/stats/summary', {
    query: { days: scope.days, topic: scope.topic },
    signal,
  });
}

export async function fetchDaily(scope: Scope, signal?: AbortSignal): Promise<DailyStat[]> {
  const body = await api<{ days: DailyStat[] }>('/stats/daily', {
    query: { days: scope.days, topic: scope.topic },
    signal,
  });
  return body.days;
}

export interface MentionFilters {
  limit?: number;
  cursor?: string | null;
  source?: string | null;
  lang?: string | null;
  sentiment?: string | null;
  dissatisfied?: boolean | null;
  idea?: boolean | null;
  q?: string | null;
}

/** Mentions of the scope's topic published inside its window, newest first. */
export function fetchMentions(
  scope: Scope,
  filters: MentionFilters = {},
  signal?: AbortSignal,
): Promise<Page<Mention>> {
  const from = new Date(Date.now() - scope.days * 86_400_000).toISOString();
  return api<Page<Mention>>('/mentions', {
    query: { limit: 20, ...filters, topic: scope.topic, from },
    signal,
  });
}

/** The copies of one post that other sources brought in, grouped under it. */
export function fetchCopies(mentionId: string, signal?: AbortSignal): Promise<Page<Mention>> {
  return api<Page<Mention>>('/mentions', {
    query: { duplicateOf: mentionId, duplicates: 'only', limit: 50 },
    signal,
  });
}

export async function fetchSources(signal?: AbortSignal): Promise<Source[]> {
  return (await api<{ items: Source[] }>('/sources', { signal })).items;
}

export async function fetchTopics(signal?: AbortSignal): Promise<Topic[]> {
  return (await api<{ items: Topic[] }>('/topics', { signal })).items;
}
