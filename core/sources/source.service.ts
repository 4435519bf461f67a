import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { getConnector, isConnectorKind } from '../connectors/registry.js';
import type { Db } from '../db/database.js';
import type { SourceRow } from '../db/schema.js';
import { DomainError, invalid, notFound } from '../errors.js';
import { assertSafeUrl } from '../http/outbound.js';
import type { Queues } from '../queue/queues.js';
import type { SecretBox } from '../security/secret-box.js';
import { POLLED_KINDS } from './poll.service.js';
import * as repo from './source.repository.js';
import { syncSourceSchedule } from './source-schedule.js';

export const SOURCE_KINDS = ['rss', 'mastodon', 'reddit', 'hackernews', 'bluesky', 'webhook', 'import'] as const;

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
  quota: unknown;
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
  return { ...toSourceDto(row), ...(secret ? { webhookSecret: secret } : {}) };
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
  const row = await repo.updateSource(deps.db, id, {
    ...(patch.name ? { name: patch.name } : {}),
    ...(config ? { config: JSON.stringify(config) } : {}),
    ...(patch.pollIntervalS ? { poll_interval_s: patch.pollIntervalS } : {}),
    ...(patch.status ? { status: patch.status } : {}),
    // An admin's edit of a failed source is the signal to try again.
    ...(reactivated ? { status: 'active' as const, last_error: null, next_poll_at: new Date() } : {}),
  });
  if (!row) throw notFound('source', id);
  if (deps.queues) await syncSourceSchedule(deps.queues, row);
  return toSourceDto(row);
}

export async function removeSource(deps: SourceDeps, id: string): Promise<void> {
  if (!(await repo.deleteSource(deps.db, id))) throw notFound('source', id);
  if (deps.queues) await syncSourceSchedule(deps.queues, { id });
}

export async function getSource(db: Db, id: string): Promise<SourceDto> {
  const row = await repo.findSource(db, id);
  if (!row) throw notFound('source', id);
  return toSourceDto(row);
}

export async function listSourceDtos(db: Db): Promise<SourceDto[]> {
  return (await repo.listSources(db)).map(toSourceDto);
}

/** Validates a source's settings with its connector's schema and refuses unsafe URLs. */
async function validateConfig(
  kind: string,
  config: Record<string, unknown>,
  allowHosts: readonly string[],
): Promise<Record<string, unknown>> {
  if (!POLLED_KINDS.has(kind)) {
    if (Object.keys(config).length > 0) throw invalid('config', `${kind} sources take no settings`);
    return {};
  }
  if (!isConnectorKind(kind)) throw invalid('kind', `${kind} sources cannot be polled yet`);
  const connector = getConnector(kind);
  const parsed = connector.configSchema.safeParse(config);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i: { path: PropertyKey[]; message: string }) => ({
      field: ['config', ...i.path.map(String)].join('.'),
      reason: i.message,
    }));
    throw new DomainError('validation_failed', 'invalid source settings', details);
  }
  const value = parsed.data as Record<string, unknown>;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string' || !/url|instance|base/i.test(key)) continue;
    try {
      await assertSafeUrl(v, allowHosts);
    } catch (err) {
      throw invalid(`config.${key}`, err instanceof Error ? err.message : String(err));
    }
  }
  return value;
}

export function toSourceDto(row: SourceRow): SourceDto {
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
    quota: row.quota,
    createdAt: iso(row.created_at)!,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
