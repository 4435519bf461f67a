import type { AxiosInstance } from 'axios';
import { accessToken } from './credentials/credential.service.js';
import { sql } from 'kysely';
import { ConnectorError, retryPolicy } from '../connectors/connector-error.js';
import type { SourceCursor } from '../connectors/connector.js';
import { getConnector } from '../connectors/registry.js';
import type { Db } from '../db/database.js';
import { ingest, type IngestDeps } from '../ingestion/ingest.service.js';
import type { SecretBox } from '../security/secret-box.js';
import { findSource, updateSource } from './source.repository.js';
import { isRateLimitWait, quotaResetAt } from './source-health.js';
import { storableText } from '../text/storable-text.js';

/** Sources that Écoute polls; webhook and import sources receive their mentions. */
export const POLLED_KINDS = new Set(['rss', 'mastodon', 'reddit', 'hackernews', 'bluesky']);

/** One token renewal during a poll, in ms (the poll's own requests use the client's timeout). */
const CREDENTIAL_TIMEOUT_MS = 15_000;

export interface PollDeps extends IngestDeps {
  db: Db;
  http: AxiosInstance;
  secrets: SecretBox;
}

export type PollOutcome =
  | { status: 'skipped'; reason: string }
  | {
      status: 'stored';
      stored: number;
      duplicates: number;
      hasMore: boolean;
      /** The platform's quota is spent: no request before this time. */
      notBefore?: Date;
    }
  | { status: 'cursor_moved' }
  | { status: 'failed'; permanent: true; reason: string };

/** Thrown for a temporary failure: the job retries with backoff, or waits `retryAfterMs`. */
export class PollRetry extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PollRetry';
  }
}

/**
 * Fetches the next page of one source and ingests it with the advanced cursor in one
 * transaction. Permanent failures (401/403/404, an invalid feed, a refused URL) mark the source
 * failed with a readable reason and stop its polling until an admin edits it; temporary ones
 * are recorded in its health and retried.
 */
export async function pollSource(deps: PollDeps, sourceId: string): Promise<PollOutcome> {
  const source = await findSource(deps.db, sourceId);
  if (!source) return { status: 'skipped', reason: 'source deleted' };
  if (source.status !== 'active') return { status: 'skipped', reason: `source ${source.status}` };
  if (!POLLED_KINDS.has(source.kind)) {
    return { status: 'skipped', reason: `${source.kind} sources are not polled` };
  }
  // A scheduled tick inside the platform's rate-limit wait, or before a spent quota resets,
  // would only be refused again.
  const soon = new Date(Date.now() + RATE_LIMIT_SLACK_MS);
  if (isRateLimitWait(source, soon)) {
    return {
      status: 'skipped',
      reason: `rate limited until ${source.next_poll_at!.toISOString()}`,
    };
  }
  const spentUntil = quotaResetAt(source, soon);
  if (spentUntil) {
    return { status: 'skipped', reason: `quota spent until ${spentUntil.toISOString()}` };
  }
  const connector = getConnector(source.kind);

  const startedAt = new Date();
  await sql`update sources set last_polled_at = ${startedAt} where id = ${sourceId}`.execute(
    deps.db,
  );
  try {
    const parsed = connector.configSchema.safeParse(source.config);
    if (!parsed.success) throw new ConnectorError('bad_config', parsed.error.message);
    const config = parsed.data;
    // A Reddit or Bluesky token near its end is renewed first (see credentials/).
    const secret = source.secret_sealed
      ? await accessToken({ ...deps, timeoutMs: CREDENTIAL_TIMEOUT_MS }, sourceId)
      : null;
    const page = await connector.fetchPage({
      config,
      cursor: (source.cursor as SourceCursor | null) ?? null,
      http: deps.http,
      secret,
    });
    const outcome = await ingest(deps, {
      sourceId,
      mentions: page.mentions,
      cursor: { expected: source.cursor, next: page.cursor },
      ...(page.deleted?.length
        ? {
            deleted: {
              items: page.deleted.map((externalId) => ({ platform: source.kind, externalId })),
              origin: source.kind,
            },
          }
        : {}),
    });
    if (outcome.status !== 'stored') return { status: 'cursor_moved' };
    const spent = quotaResetAt({ quota: page.quota ?? null });
    // Backfill pages follow at once; otherwise the scheduler's next tick; never before a spent
    // quota resets.
    const next = page.hasMore ? new Date() : nextTick(source.poll_interval_s);
    await updateSource(deps.db, sourceId, {
      last_success_at: new Date(),
      quota: page.quota ? JSON.stringify(page.quota) : null,
      // The decoding chosen and the slips tolerated, per fetch: the source's health shows them.
      fetch_notes: page.notes ? JSON.stringify(page.notes) : null,
      next_poll_at: spent && spent > next ? spent : next,
    });
    return {
      status: 'stored',
      stored: outcome.stored,
      duplicates: outcome.duplicates,
      hasMore: page.hasMore,
      ...(spent ? { notBefore: spent } : {}),
    };
  } catch (err) {
    return recordFailure(deps, sourceId, err);
  }
}

async function recordFailure(deps: PollDeps, sourceId: string, err: unknown): Promise<PollOutcome> {
  const reason = describe(err);
  const policy = retryPolicy(err);
  if (policy === 'give_up') {
    await updateSource(deps.db, sourceId, {
      status: 'failed',
      last_error: reason,
      last_error_at: new Date(),
      next_poll_at: null,
    });
    deps.logger.warn({ sourceId, reason }, 'source failed permanently; polling stops until edited');
    return { status: 'failed', permanent: true, reason };
  }
  const wait = policy === 'wait' && err instanceof ConnectorError ? err.retryAfterMs : undefined;
  const source = await findSource(deps.db, sourceId);
  await updateSource(deps.db, sourceId, {
    last_error: reason,
    last_error_at: new Date(),
    // A rate limit: the platform's wait; any other temporary failure: the next tick at the latest.
    next_poll_at:
      wait !== undefined ? new Date(Date.now() + wait) : nextTick(source?.poll_interval_s ?? 300),
  });
  throw new PollRetry(reason, wait);
}

/** A delayed job may fire a little before its timestamp: within this, the wait is over. */
const RATE_LIMIT_SLACK_MS = 1_000;

const nextTick = (intervalS: number) => new Date(Date.now() + intervalS * 1000);

/** The reason stored in the source's health; a platform's message may carry a NUL. */
function describe(err: unknown): string {
  if (err instanceof ConnectorError) return storableText(`${err.code}: ${err.message}`);
  return storableText(err instanceof Error ? err.message : String(err));
}
