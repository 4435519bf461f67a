import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import type { Queues } from '../queue/queues.js';
import { compileQuery, prepareDocument, type CompiledQuery } from './query/index.js';
import { countDocuments, loadDocuments } from './topic-documents.js';

/** Mentions per batch: one read, one transaction (delete + insert) per batch. */
export const RERUN_BATCH = 1_000;

export interface RerunProgress {
  scanned: number;
  total: number;
  matched: number;
  /** 0–100, for a progress bar. */
  percent: number;
}

export type RerunOutcome =
  | ({ status: 'done' } & RerunProgress)
  /** The query was edited again (a newer run took over) or the topic was deleted. */
  | ({ status: 'superseded' | 'deleted' } & RerunProgress);

export const rerunJobId = (topicId: string, version: number) =>
  `topic-rerun-${topicId}-v${version}`;

/** Enqueues the re-run of a topic's current query; the deterministic id dedupes repeats. */
export async function enqueueTopicRerun(queues: Queues, topicId: string, version: number) {
  const jobId = rerunJobId(topicId, version);
  await queues.enqueue('topics.rerun', { topicId, version }, { jobId });
  return jobId;
}

/**
 * Re-evaluates a topic's query over every stored mention, newest first, replacing that topic's
 * `mention_topics` rows batch by batch: for the id range a batch covers, the old rows are deleted
 * and the new matches inserted in one transaction, so readers always see each mention either
 * with its old or its new result, never without. Stops at the next batch when the query has been
 * edited again (a run at the newer version takes over) or the topic was deleted. Mentions stored
 * after the scan began are matched with the new query by their analysis.
 */
export async function rerunTopic(
  db: Db,
  topicId: string,
  version: number,
  onProgress: (p: RerunProgress) => Promise<void> = async () => undefined,
): Promise<RerunOutcome> {
  const total = await countDocuments(db);
  const progress: RerunProgress = { scanned: 0, total, matched: 0, percent: 0 };
  let cursor: string | null = null;
  let query: CompiledQuery | undefined;
  for (;;) {
    const topic = await db
      .selectFrom('topics')
      .select(['query', 'query_version'])
      .where('id', '=', topicId)
      .executeTakeFirst();
    if (!topic) return { status: 'deleted', ...progress };
    if (topic.query_version !== version) return { status: 'superseded', ...progress };
    // The text cannot change without the version: compiled once.
    const compiled: CompiledQuery = (query ??= compileQuery(topic.query));
    const batch = await loadDocuments(db, cursor, RERUN_BATCH);
    if (batch.length === 0) break;
    const matches = batch.flatMap((m) => {
      const r = compiled.match(prepareDocument(m.doc));
      return r.matched ? [{ id: m.id, terms: r.terms }] : [];
    });
    const lo = batch[batch.length - 1]!.id;
    await replaceMatches(db, topicId, lo, batch[0]!.id, matches);
    cursor = lo;
    progress.scanned += batch.length;
    progress.matched += matches.length;
    progress.total = Math.max(progress.total, progress.scanned);
    progress.percent = Math.min(100, Math.floor((progress.scanned / progress.total) * 100));
    await onProgress({ ...progress });
    if (batch.length < RERUN_BATCH) break;
  }
  return { status: 'done', ...progress, percent: 100 };
}

/**
 * Replaces the topic's rows for mention ids in [lo, hi], the range one batch read. Rows above the
 * first batch belong to mentions stored after the scan began, already matched with the new query
 * at analysis: they are left alone.
 */
async function replaceMatches(
  db: Db,
  topicId: string,
  lo: string,
  hi: string,
  matches: { id: string; terms: string[] }[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`
      delete from mention_topics
      where topic_id = ${topicId}::bigint and mention_id between ${lo}::bigint and ${hi}::bigint
    `.execute(trx);
    if (matches.length === 0) return;
    await sql`
      insert into mention_topics (mention_id, topic_id, matched_terms)
      select t.m, ${topicId}::bigint, array(select jsonb_array_elements_text(t.terms))
      from unnest(${matches.map((m) => m.id)}::bigint[],
        ${matches.map((m) => JSON.stringify(m.terms))}::jsonb[]) as t(m, terms)
      on conflict (topic_id, mention_id) do update set matched_terms = excluded.matched_terms
    `.execute(trx);
  });
}

export interface RerunStatus {
  topicId: string;
  version: number;
  jobId: string;
  /** BullMQ's state, or 'none' when no run is known for this version (kept jobs are trimmed). */
  state: string;
  progress: RerunProgress | null;
  result: RerunOutcome | null;
  failedReason: string | null;
}

/** The progress of the re-run of a topic's current query version. */
export async function rerunStatus(db: Db, queues: Queues, topicId: string): Promise<RerunStatus> {
  if (!/^\d{1,18}$/.test(topicId)) throw notFound('topic', topicId);
  const topic = await db
    .selectFrom('topics')
    .select('query_version')
    .where('id', '=', topicId)
    .executeTakeFirst();
  if (!topic) throw notFound('topic', topicId);
  const jobId = rerunJobId(topicId, topic.query_version);
  const queue = queues.queueOf('topics.rerun');
  const base = { topicId, version: topic.query_version, jobId };
  const state = await queue.getJobState(jobId);
  // The job is read after its state, so its progress and result are at least as recent.
  const job = state === 'unknown' ? undefined : await queue.getJob(jobId);
  if (!job) return { ...base, state: 'none', progress: null, result: null, failedReason: null };
  const progress = typeof job.progress === 'object' ? (job.progress as RerunProgress) : null;
  return {
    ...base,
    state,
    progress,
    result: (job.returnvalue as RerunOutcome | null) ?? null,
    failedReason: job.failedReason ?? null,
  };
}
