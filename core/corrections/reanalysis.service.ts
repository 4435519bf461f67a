import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import { enqueueAnalysis, type IngestDeps } from '../ingestion/ingest.service.js';
import type { Queues } from '../queue/queues.js';

/** Mention ids queued per step: one step job per page keeps every job short and restartable. */
export const REANALYSIS_PAGE = 5_000;

export const reanalysisRequestSchema = z
  .object({
    since: z.coerce.date().optional(),
    until: z.coerce.date().optional(),
  })
  .strict();

export interface ReanalysisRunDto {
  id: string;
  since: string | null;
  until: string | null;
  total: number;
  queued: number;
  /** Mentions of the run's range analysed since the run started. */
  analysed: number;
  done: boolean;
  createdAt: string;
}

const rangeWhere = (since: Date | null, until: Date | null) => sql`
  (${since}::timestamptz is null or m.published_at >= ${since}::timestamptz)
  and (${until}::timestamptz is null or m.published_at < ${until}::timestamptz)`;

/** Starts re-analysing the stored mentions of a time range (all when open) with the current models. */
export async function startReanalysis(
  db: Db,
  queues: Queues,
  input: z.input<typeof reanalysisRequestSchema>,
  requestedBy: string | null,
): Promise<ReanalysisRunDto> {
  const data = reanalysisRequestSchema.parse(input);
  const since = data.since ?? null;
  const until = data.until ?? null;
  const count = await sql<{ n: number }>`
    select count(*)::int as n from mentions m where ${rangeWhere(since, until)}`.execute(db);
  const run = await db
    .insertInto('reanalysis_runs')
    .values({ requested_by: requestedBy, since, until, total: count.rows[0]!.n })
    .returning('id')
    .executeTakeFirstOrThrow();
  await queues.enqueue(
    'mentions.reanalyze',
    { runId: run.id, afterId: '0' },
    { jobId: `reanalyze-${run.id}-0` },
  );
  return getReanalysis(db, run.id);
}

/** One step: the next page of ids queued for analysis, then the next step (or the run is complete). */
export async function reanalysisStep(
  deps: Pick<IngestDeps, 'queues' | 'logger' | 'analyzeBatchSize'> & { db: Db; queues: Queues },
  runId: string,
  afterId: string,
): Promise<{ queued: number; last: string | null }> {
  const run = await deps.db
    .selectFrom('reanalysis_runs')
    .selectAll()
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!run) return { queued: 0, last: null };
  const { rows } = await sql<{ id: string }>`
    select m.id from mentions m
    where m.id > ${afterId}::bigint and ${rangeWhere(run.since, run.until)}
    order by m.id limit ${REANALYSIS_PAGE}`.execute(deps.db);
  const ids = rows.map((r) => r.id);
  if (ids.length > 0) {
    const queued = await enqueueAnalysis(deps, ids, { reanalyze: true, prefix: `r${runId}` });
    if (!queued) throw new Error('could not queue the analysis jobs; the step will be retried');
  }
  const last = ids[ids.length - 1] ?? null;
  await sql`
    update reanalysis_runs set queued = least(total, queued + ${ids.length}),
      status = ${last && ids.length === REANALYSIS_PAGE ? 'running' : 'queued_all'}
    where id = ${runId}`.execute(deps.db);
  if (last && ids.length === REANALYSIS_PAGE) {
    await deps.queues.enqueue(
      'mentions.reanalyze',
      { runId, afterId: last },
      { jobId: `reanalyze-${runId}-${last}` },
    );
  }
  return { queued: ids.length, last };
}

export async function getReanalysis(db: Db, id: string): Promise<ReanalysisRunDto> {
  if (!/^\d{1,18}$/.test(id)) throw notFound('re-analysis run', id);
  const run = await db
    .selectFrom('reanalysis_runs')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!run) throw notFound('re-analysis run', id);
  const analysed = await sql<{ n: number }>`
    select count(*)::int as n from mentions m join mention_analyses a on a.mention_id = m.id
    where a.analyzed_at >= ${run.created_at} and ${rangeWhere(run.since, run.until)}`.execute(db);
  const n = Math.min(run.total, analysed.rows[0]!.n);
  return {
    id: run.id,
    since: run.since?.toISOString() ?? null,
    until: run.until?.toISOString() ?? null,
    total: run.total,
    queued: run.queued,
    analysed: n,
    done: run.status === 'queued_all' && n >= run.total,
    createdAt: run.created_at.toISOString(),
  };
}
