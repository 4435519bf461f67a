import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { InfluenceSettings } from './influence-settings.js';
import type { AuthorScore } from './influence-score.js';
import type { InteractionEdge } from './interaction-graph.js';
import type { InfluenceWindow } from './interaction.repository.js';

/** Rows per INSERT … SELECT FROM unnest(): one parameter per column whatever the row count. */
const INSERT_BATCH = 10_000;

export interface RunMeta {
  authors: number;
  edges: number;
  iterations: number;
  computeMs: number;
  settings: InfluenceSettings;
}

export interface InfluenceRun {
  id: string;
  topicId: string | null;
  windowDays: number;
  windowStart: Date;
  windowEnd: Date;
  computedAt: Date;
  authors: number;
  edges: number;
  iterations: number;
  computeMs: number;
  settings: unknown;
}

/**
 * Replaces the stored results of (topic, window) with a new run, in the caller's transaction.
 * The run row is upserted first: its row lock makes two concurrent computations of the same
 * (topic, window) take turns instead of mixing their rows.
 */
export async function replaceRun(
  trx: Executor,
  w: InfluenceWindow,
  meta: RunMeta,
  scores: readonly AuthorScore[],
  edges: readonly InteractionEdge[],
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into influence_runs (topic_id, window_days, window_start, window_end, computed_at,
      authors, edges, iterations, compute_ms, settings)
    values (${w.topicId}, ${w.windowDays}, ${w.start}, ${w.end}, now(), ${meta.authors},
      ${meta.edges}, ${meta.iterations}, ${Math.round(meta.computeMs)}, ${JSON.stringify(meta.settings)})
    on conflict (topic_key, window_days) do update set
      window_start = excluded.window_start, window_end = excluded.window_end,
      computed_at = excluded.computed_at, authors = excluded.authors, edges = excluded.edges,
      iterations = excluded.iterations, compute_ms = excluded.compute_ms,
      settings = excluded.settings
    returning id::text`.execute(trx);
  const runId = rows[0]!.id;
  await sql`delete from influence_scores where run_id = ${runId}`.execute(trx);
  await sql`delete from influence_edges where run_id = ${runId}`.execute(trx);
  for (let i = 0; i < scores.length; i += INSERT_BATCH) {
    await insertScores(trx, runId, scores.slice(i, i + INSERT_BATCH));
  }
  for (let i = 0; i < edges.length; i += INSERT_BATCH) {
    await insertEdges(trx, runId, edges.slice(i, i + INSERT_BATCH));
  }
  return runId;
}

async function insertScores(trx: Executor, runId: string, batch: readonly AuthorScore[]) {
  const col = <T>(f: (s: AuthorScore) => T) => batch.map(f);
  await sql`
    insert into influence_scores (run_id, author_id, rank, score, pagerank, in_degree, out_degree,
      in_weight, out_weight, followers, volume, interactions, engagement, engagement_rate,
      analysed, negative_share, stance, flag_bearer, bot_like, bot_reason, lang, platform,
      breakdown)
    select ${runId}::bigint, t.* from unnest(
      ${col((s) => s.authorId)}::bigint[], ${col((s) => s.rank)}::int[],
      ${col((s) => s.score)}::float8[], ${col((s) => s.pagerank)}::float8[],
      ${col((s) => s.inDegree)}::int[], ${col((s) => s.outDegree)}::int[],
      ${col((s) => s.inWeight)}::float8[], ${col((s) => s.outWeight)}::float8[],
      ${col((s) => s.followers)}::int[], ${col((s) => s.volume)}::int[],
      ${col((s) => s.interactions)}::bigint[], ${col((s) => s.engagement)}::float8[],
      ${col((s) => s.engagementRate)}::float8[], ${col((s) => s.analysed)}::int[],
      ${col((s) => s.negativeShare)}::float8[], ${col((s) => s.stance)}::text[],
      ${col((s) => s.flagBearer)}::bool[], ${col((s) => s.botLike)}::bool[],
      ${col((s) => s.botReason)}::text[], ${col((s) => s.lang)}::text[],
      ${col((s) => s.platform)}::text[], ${col((s) => JSON.stringify(s.breakdown))}::jsonb[]
    ) as t`.execute(trx);
}

async function insertEdges(trx: Executor, runId: string, batch: readonly InteractionEdge[]) {
  const col = <T>(f: (e: InteractionEdge) => T) => batch.map(f);
  await sql`
    insert into influence_edges (run_id, source_id, target_id, weight, replies, mentions, quotes,
      reposts)
    select ${runId}::bigint, t.* from unnest(
      ${col((e) => e.source)}::bigint[], ${col((e) => e.target)}::bigint[],
      ${col((e) => e.weight)}::float8[], ${col((e) => e.counts.reply)}::int[],
      ${col((e) => e.counts.mention)}::int[], ${col((e) => e.counts.quote)}::int[],
      ${col((e) => e.counts.repost)}::int[]
    ) as t`.execute(trx);
}

/** The latest run of (topic, window), or undefined when it was never computed. */
export async function findRun(
  db: Executor,
  topicId: string | null,
  windowDays: number,
): Promise<InfluenceRun | undefined> {
  const { rows } = await sql<InfluenceRun>`
    select id::text, topic_id::text as "topicId", window_days as "windowDays",
      window_start as "windowStart", window_end as "windowEnd", computed_at as "computedAt",
      authors, edges, iterations, compute_ms as "computeMs", settings
    from influence_runs
    where topic_key = ${topicId ?? '0'}::bigint and window_days = ${windowDays}`.execute(db);
  return rows[0];
}
