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
 * them again. The analysis skips mentions already analysed, so a sweep that races a late job
 * costs a little work and changes nothing.
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
  // The hour is part of the job ids: within the hour, sweeps racing each other or a late job
  // create one job per chunk; a chunk whose job failed (and is kept in the failed set, where its
  // id would swallow a new enqueue) is tried again the next hour.
  const hour = Math.floor(Date.now() / 3_600_000);
  const enqueued = await enqueueAnalysis(deps, ids, { prefix: `s${hour}` });
  return { found: ids.length, enqueued };
}
