import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { enqueueAnalysis, type IngestDeps } from '../ingestion/ingest.service.js';

export interface SweepOutcome {
  found: number;
  enqueued: boolean;
}

/**
 * Finds mentions stored more than `graceSeconds` ago that have no analysis — their job was lost
 * (Redis flushed or restarted without persistence, enqueue failed after commit) — and enqueues
 * them again. Deterministic job ids make a sweep that races a late job harmless, and the
 * analysis skips mentions already analysed.
 */
export async function sweepUnanalysed(
  deps: Pick<IngestDeps, 'queues' | 'logger' | 'analyzeBatchSize'> & { db: Db },
  graceSeconds: number,
  limit = 50_000,
): Promise<SweepOutcome> {
  const rows = await sql<{ id: string }>`
    select m.id from mentions m
    where m.ingested_at < now() - make_interval(secs => ${graceSeconds})
      and not exists (select 1 from mention_analyses a where a.mention_id = m.id)
    order by m.id
    limit ${limit}
  `.execute(deps.db);
  const ids = rows.rows.map((r) => r.id);
  if (ids.length === 0) return { found: 0, enqueued: true };
  deps.logger.info({ mentions: ids.length }, 'sweeper re-enqueues unanalysed mentions');
  const enqueued = await enqueueAnalysis(deps, ids, { prefix: 's' });
  return { found: ids.length, enqueued };
}
