import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { storeMentions } from '../mentions/mention-writer.js';
import type { NormalizedMention } from '../mentions/normalized-mention.js';
import {
  honourDeletions,
  withoutTombstoned,
  type PlatformDeletion,
} from '../privacy/platform-deletes.js';
import type { Queues } from '../queue/queues.js';
import { advanceCursor, countStored } from '../sources/source.repository.js';
import { storable } from '../text/storable-text.js';

export interface IngestDeps {
  db: Db;
  /** null when mentions are stored without Redis (the sweeper enqueues their analysis later). */
  queues: Queues | null;
  logger: Logger;
  analyzeBatchSize: number;
}

export interface IngestRequest {
  sourceId: string | null;
  mentions: NormalizedMention[];
  /** Advance the source's cursor from `expected` to `next` in the same transaction. */
  cursor?: { expected: unknown; next: unknown };
  /** A webhook delivery: stored once per (source, event id). */
  webhookEventId?: string;
  /** Posts the platform says are gone (see platform-deletes.ts), honoured in the same transaction. */
  deleted?: { items: PlatformDeletion[]; origin: string };
}

export type IngestOutcome =
  | { status: 'stored'; stored: number; duplicates: number; mentionIds: string[]; queued: boolean }
  /** Another poll advanced the cursor first; nothing from this page was kept. */
  | { status: 'cursor_moved' }
  /** The webhook event was already received; nothing was stored again. */
  | { status: 'duplicate_event' };

class Abort extends Error {
  constructor(readonly outcome: IngestOutcome) {
    super(outcome.status);
  }
}

/**
 * One transaction per batch: authors upserted, mentions inserted, the source's cursor advanced
 * (or the webhook event recorded). A mention is durable once this commits. Analysis is enqueued
 * after the commit, in batches; if Redis is unreachable then, the sweeper enqueues it later.
 *
 * Every way in (connectors, the webhook, file imports) comes through here, so this is where
 * their text is made storable: NUL removed and unpaired surrogates replaced in every string
 * field of the request (raw payloads, deletions, event id and next cursor included), and the
 * number of fields changed added to the source's health (`sanitized_total`). One such
 * character no longer fails a whole page or delivery on every retry.
 */
export async function ingest(deps: IngestDeps, dirty: IngestRequest): Promise<IngestOutcome> {
  const { value: req, changed: sanitized } = storable(dirty);
  let stored: { insertedIds: string[]; duplicates: number };
  try {
    stored = await deps.db.transaction().execute(async (trx) => {
      if (req.webhookEventId !== undefined && req.sourceId) {
        const first = await sql`
          insert into webhook_events (source_id, event_id, mentions)
          values (${req.sourceId}, ${req.webhookEventId}, ${req.mentions.length})
          on conflict do nothing`.execute(trx);
        if (!first.numAffectedRows) throw new Abort({ status: 'duplicate_event' });
      }
      // A post deleted on its platform is never stored again, whatever order things arrive in.
      const mentions = await withoutTombstoned(trx, req.mentions);
      const result = await storeMentions(trx, req.sourceId, mentions);
      if (req.deleted?.items.length)
        await honourDeletions(trx, req.deleted.items, req.deleted.origin);
      if (req.sourceId && req.cursor) {
        const { expected, next } = req.cursor;
        const moved = !(await advanceCursor(
          trx,
          req.sourceId,
          expected,
          next,
          result.insertedIds.length,
          sanitized,
        ));
        if (moved) throw new Abort({ status: 'cursor_moved' });
      } else if (req.sourceId && (result.insertedIds.length > 0 || sanitized > 0)) {
        await countStored(trx, req.sourceId, result.insertedIds.length, sanitized);
      }
      return result;
    });
  } catch (err) {
    if (err instanceof Abort) return err.outcome;
    throw err;
  }
  const queued = await enqueueAnalysis(deps, stored.insertedIds);
  return {
    status: 'stored',
    stored: stored.insertedIds.length,
    duplicates: stored.duplicates,
    mentionIds: stored.insertedIds,
    queued,
  };
}

/**
 * Splits ids into analysis jobs. The job id is derived from the ids it carries, so enqueueing
 * the same batch twice (a retried ingest, a sweep racing a late job) creates one job.
 */
export async function enqueueAnalysis(
  deps: Pick<IngestDeps, 'queues' | 'logger' | 'analyzeBatchSize'>,
  mentionIds: string[],
  opts: { reanalyze?: boolean; prefix?: string } = {},
): Promise<boolean> {
  if (mentionIds.length === 0) return true;
  if (!deps.queues) return false;
  const jobs = chunk(mentionIds, deps.analyzeBatchSize).map((ids) => ({
    data: { mentionIds: ids, ...(opts.reanalyze ? { reanalyze: true } : {}) },
    opts: { jobId: `${opts.prefix ?? 'a'}-${ids[0]}-${ids[ids.length - 1]}-${ids.length}` },
  }));
  try {
    await deps.queues.enqueueBulk('mentions.analyze', jobs);
    return true;
  } catch (err) {
    deps.logger.warn(
      { err: (err as Error).message, mentions: mentionIds.length },
      'analysis not enqueued (Redis unreachable?); the sweeper will pick these mentions up',
    );
    return false;
  }
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
