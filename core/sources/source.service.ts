import { randomBytes } from 'node:crypto';
import { loadCredentialHealth, type CredentialHealth } from './credentials/credential-check.js';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { FetchNotes } from '../connectors/connector.js';
import type { Db } from '../db/database.js';
import type { SourceRow } from '../db/schema.js';
import { DomainError, notFound } from '../errors.js';
import type { Queues } from '../queue/queues.js';
import type { SecretBox } from '../security/secret-box.js';
import { POLLED_KINDS } from './poll.service.js';
import * as repo from './source.repository.js';
import { validateSourceConfig as validateConfig } from './source-config.js';
import {
  healthState,
  isRateLimitWait,
  loadThroughput,
  throughputOf,
  type SourceHealthState,
  type SourceThroughput,
} from './source-health.js';
import { syncSourceSchedule } from './source-schedule.js';

export const SOURCE_KINDS = [
  'rss',
  'mastodon',
  'reddit',
  'hackernews',
  'bluesky',
  'webhook',
  'import',
] as const;

export const createSourceSchema = z
  .object({
    kind: z.enum(SOURCE_KINDS),
    name: z.string().trim().min(1).max(200),
    config: z.record(z.string(), z.unknown()).default({}),
    pollIntervalS: z.number().int().min(30).max(86_400).default(300),
    status: z.enum(['active', 'paused']).default('active'),
  })
  .strict();

export const updateSourceSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    config: z.record(z.string(), z.unknown()),
    pollIntervalS: z.number().int().min(30).max(86_400),
    // Setting a failed source back to active is how an admin retries it after fixing it.
    status: z.enum(['active', 'paused']),
  })
  .partial()
  .strict();

export interface SourceDto {
  id: string;
  kind: string;
  name: string;
  status: string;
  config: Record<string, unknown>;
  pollIntervalS: number;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  nextPollAt: string | null;
  itemsTotal: number;
  /**
   * String fields in which ingestion removed a NUL or replaced an unpaired surrogate (characters
   * Postgres cannot store): the mentions were kept, cleaned.
   */
  sanitizedTotal: number;
  /** Remaining platform quota from the last response's rate-limit headers, when it sent any. */
  quota: unknown;
  /** How the last successful fetch was read: its decoding and the slips it tolerated. */
  fetchNotes: FetchNotes | null;
  health: SourceHealthState;
  /** Mentions stored in the last 24 h: per hour on average, in total, and hour by hour. */
  throughput: SourceThroughput;
  /** The reply credentials' health (renewal, expiry, last check); null when none were given. */
  credential: CredentialHealth | null;
  createdAt: string;
  /** Only in the answer to the creation of a webhook source: shown once, stored sealed. */
  webhookSecret?: string;
}

export interface SourceDeps {
  db: Db;
  queues: Queues | null;
  secrets: SecretBox;
  allowHosts: readonly string[];
}

export async function createSource(
  deps: SourceDeps,
  input: z.input<typeof createSourceSchema>,
): Promise<SourceDto> {
  const data = createSourceSchema.parse(input);
  const config = await validateConfig(data.kind, data.config, deps.allowHosts);
  const secret = data.kind === 'webhook' ? `whsec_${randomBytes(24).toString('base64url')}` : null;
  const row = await repo.insertSource(deps.db, {
    kind: data.kind,
    name: data.name,
    config: JSON.stringify(config),
    poll_interval_s: data.pollIntervalS,
    status: data.status,
    secret_sealed: secret ? deps.secrets.seal(secret) : null,
    next_poll_at: POLLED_KINDS.has(data.kind) && data.status === 'active' ? new Date() : null,
  });
  if (deps.queues) await syncSourceSchedule(deps.queues, row);
  const dto = toSourceDto(row, throughputOf(new Map(), row.id));
  return { ...dto, ...(secret ? { webhookSecret: secret } : {}) };
}

export async function editSource(
  deps: SourceDeps,
  id: string,
  input: z.input<typeof updateSourceSchema>,
): Promise<SourceDto> {
  const patch = updateSourceSchema.parse(input);
  const current = await repo.findSource(deps.db, id);
  if (!current) throw notFound('source', id);
  const config = patch.config
    ? await validateConfig(current.kind, patch.config, deps.allowHosts)
    : undefined;
  const reactivated = patch.status === 'active' || (config && current.status === 'failed');
  const polled = POLLED_KINDS.has(current.kind);
  // Another feed, query or instance: the old cursor means nothing there; start with a backfill.
  const retargeted = config && !isDeepStrictEqual(config, current.config);
  const row = await repo.updateSource(deps.db, id, {
    ...(patch.name ? { name: patch.name } : {}),
    ...(config ? { config: JSON.stringify(config) } : {}),
    ...(retargeted ? { cursor: null } : {}),
    ...(patch.pollIntervalS ? { poll_interval_s: patch.pollIntervalS } : {}),
    ...(patch.status ? { status: patch.status } : {}),
    ...(patch.status === 'paused' ? { next_poll_at: null } : {}),
    // An admin's edit of a failed source is the signal to try again.
    ...(reactivated
      ? { status: 'active' as const, last_error: null, next_poll_at: polled ? new Date() : null }
      : {}),
  });
  if (!row) throw notFound('source', id);
  if (deps.queues) await syncSourceSchedule(deps.queues, row);
  return withThroughput(deps.db, row);
}

export async function removeSource(deps: SourceDeps, id: string): Promise<void> {
  if (!(await repo.deleteSource(deps.db, id))) throw notFound('source', id);
  if (deps.queues) await syncSourceSchedule(deps.queues, { id });
}

export async function getSource(db: Db, id: string): Promise<SourceDto> {
  const row = await repo.findSource(db, id);
  if (!row) throw notFound('source', id);
  return withThroughput(db, row);
}

/** Every source with its health; throughput for all of them in one grouped query. */
export async function listSourceDtos(db: Db): Promise<SourceDto[]> {
  const [rows, throughput, credentials] = await Promise.all([
    repo.listSources(db),
    loadThroughput(db),
    loadCredentialHealth(db),
  ]);
  return rows.map((row) =>
    toSourceDto(row, throughputOf(throughput, row.id), credentials.get(row.id)),
  );
}

async function withThroughput(db: Db, row: SourceRow): Promise<SourceDto> {
  const [throughput, credentials] = await Promise.all([
    loadThroughput(db, [row.id]),
    loadCredentialHealth(db, [row.id]),
  ]);
  return toSourceDto(row, throughputOf(throughput, row.id), credentials.get(row.id));
}

export function toSourceDto(
  row: SourceRow,
  throughput: SourceThroughput,
  credential?: CredentialHealth,
): SourceDto {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    config: row.config,
    pollIntervalS: row.poll_interval_s,
    lastPolledAt: iso(row.last_polled_at),
    lastSuccessAt: iso(row.last_success_at),
    lastErrorAt: iso(row.last_error_at),
    lastError: row.last_error,
    nextPollAt: iso(row.next_poll_at),
    itemsTotal: Number(row.items_total),
    sanitizedTotal: Number(row.sanitized_total),
    quota: row.quota,
    fetchNotes: (row.fetch_notes as FetchNotes | null) ?? null,
    health: healthState(row),
    throughput,
    credential: credential ?? null,
    createdAt: iso(row.created_at)!,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Polls an active source now instead of at its next tick. Double clicks within 10 s share one
 * job (deterministic id); a rate-limited source still waits for the platform (see pollSource).
 */
export async function pollSourceNow(
  deps: SourceDeps,
  id: string,
): Promise<{ sourceId: string; jobId: string }> {
  const row = await repo.findSource(deps.db, id);
  if (!row) throw notFound('source', id);
  if (!POLLED_KINDS.has(row.kind)) {
    throw new DomainError('conflict', `${row.kind} sources are not polled`, [
      { field: 'kind', reason: 'mentions are pushed to this source' },
    ]);
  }
  if (row.status !== 'active') {
    const how = row.status === 'paused' ? 'resume it first' : 'edit or resume it to retry';
    throw new DomainError('conflict', `source ${id} is ${row.status}: ${how}`, [
      { field: 'status', reason: `is ${row.status}` },
    ]);
  }
  if (!deps.queues) throw new DomainError('unavailable', 'the job queue is not available');
  const jobId = `poll-now-${id}-${Math.floor(Date.now() / 10_000)}`;
  await deps.queues.enqueue('source.poll', { sourceId: id }, { jobId });
  // Inside a rate-limit wait the poll is skipped and the wait's end stays the next poll.
  if (!isRateLimitWait(row)) await repo.updateSource(deps.db, id, { next_poll_at: new Date() });
  return { sourceId: id, jobId };
}
