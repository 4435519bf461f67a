import { api } from '../../api/client.js';
import type { Source } from '../../api/types.js';

/** A source's badge state, as the API derives it (core/sources/source-health.ts). */
export type HealthState =
  'ok' | 'pending' | 'erroring' | 'rate_limited' | 'failed' | 'paused' | 'pushed';

/** The health of the credentials a source posts replies with (core/sources/credentials/). */
export interface CredentialHealth {
  scheme: 'token' | 'reddit_oauth' | 'bluesky_session';
  status: 'ok' | 'expiring' | 'failed';
  reason: string | null;
  accessExpiresAt: string | null;
  checkedAt: string | null;
}

export interface SourceWithHealth extends Source {
  health: HealthState;
  /** Null when the source has no reply credentials. */
  credential?: CredentialHealth | null;
  throughput: { itemsPerHour: number; itemsLast24h: number; hourly: number[] };
  createdAt: string;
}

export interface SourceInput {
  kind?: string;
  name?: string;
  config?: Record<string, unknown>;
  pollIntervalS?: number;
  status?: 'active' | 'paused';
}

export interface PreviewMention {
  platform: string;
  externalId: string;
  url?: string | null;
  title?: string | null;
  text: string;
  author?: { handle: string; name?: string | null; followers?: number | null } | null;
  langHint?: string | null;
  /** null when the source gives no readable date. */
  publishedAt: string | null;
  likes?: number | null;
  reposts?: number | null;
  replies?: number | null;
  score?: number | null;
  links: string[];
}

export type SourceTestResult =
  | { ok: true; mentions: PreviewMention[]; hasMore: boolean; tookMs: number }
  | { ok: false; error: { code: string; reason: string; policy: string }; tookMs: number };

/** One line of a preview, as `ecoute sources preview` prints it (core/sources/preview). */
export interface PreviewLine {
  platform: string;
  external_id: string;
  url: string | null;
  title: string | null;
  text: string;
  author: string | null;
  published_at: string | null;
  published_raw: string | null;
  in_reply_to: string | null;
  thread: string | null;
  reposted_by: string | null;
  repost_of: string | null;
  quotes: string | null;
  lang: string | null;
}

export interface SourcePreview {
  kind: string;
  lines: PreviewLine[];
  warnings: string[];
  decoding: { encoding: string; source: string } | null;
}

export type PreviewRequest = { kind: string; instance?: string } & (
  { url: string } | { body: string }
);

export const sourcesApi = {
  preview: (body: PreviewRequest) =>
    api<SourcePreview>('/sources/preview', { method: 'POST', body }),
  list: async (signal?: AbortSignal) =>
    (await api<{ items: SourceWithHealth[] }>('/sources', { signal })).items,
  create: (body: SourceInput) =>
    api<SourceWithHealth & { webhookSecret?: string }>('/sources', { method: 'POST', body }),
  edit: (id: string, body: SourceInput) =>
    api<SourceWithHealth>(`/sources/${id}`, { method: 'PATCH', body }),
  test: (kind: string, config: Record<string, unknown>) =>
    api<SourceTestResult>('/sources/test', { method: 'POST', body: { kind, config } }),
  pollNow: (id: string) => api<{ jobId: string }>(`/sources/${id}/poll`, { method: 'POST' }),
};
