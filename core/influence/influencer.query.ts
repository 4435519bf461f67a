import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import type { ScoreBreakdown, Stance } from './influence-score.js';
import { findRun, type InfluenceRun } from './influence.repository.js';
import {
  decodeKeyset,
  encodeKeyset,
  influencerWhere,
  keysetAfter,
  SORTS,
  type InfluencerFilter,
  type InfluencerListQuery,
  type Keyset,
} from './influencer-filter.js';

export interface InfluencerDto {
  authorId: string;
  handle: string;
  name: string | null;
  platform: string;
  profileUrl: string | null;
  lang: string | null;
  rank: number;
  score: number;
  pagerank: number;
  inDegree: number;
  outDegree: number;
  inWeight: number;
  outWeight: number;
  followers: number | null;
  volume: number;
  interactions: number;
  engagement: number;
  engagementRate: number | null;
  analysed: number;
  negativeShare: number | null;
  stance: Stance;
  flagBearer: boolean;
  botLike: boolean;
  botReason: string | null;
  breakdown: ScoreBreakdown;
}

export interface RunDto {
  topicId: string | null;
  windowDays: number;
  windowStart: string;
  windowEnd: string;
  computedAt: string;
  authors: number;
  edges: number;
}

type Row = InfluencerDto & { sortValue: number };

const SELECT = sql`
  select s.author_id::text as "authorId", a.handle, a.display_name as name, s.platform,
    a.profile_url as "profileUrl", s.lang, s.rank, s.score, s.pagerank, s.in_degree as "inDegree",
    s.out_degree as "outDegree", s.in_weight as "inWeight", s.out_weight as "outWeight",
    s.followers, s.volume, s.interactions::float8 as interactions, s.engagement,
    s.engagement_rate as "engagementRate", s.analysed, s.negative_share as "negativeShare",
    s.stance, s.flag_bearer as "flagBearer", s.bot_like as "botLike", s.bot_reason as "botReason",
    s.breakdown`;

export function runDto(run: InfluenceRun): RunDto {
  return {
    topicId: run.topicId,
    windowDays: run.windowDays,
    windowStart: run.windowStart.toISOString(),
    windowEnd: run.windowEnd.toISOString(),
    computedAt: run.computedAt.toISOString(),
    authors: run.authors,
    edges: run.edges,
  };
}

/** One page of a run's influencers, best first by `sort`, with keyset paging. */
export async function listInfluencers(
  db: Db,
  q: InfluencerListQuery,
): Promise<{ run: RunDto | null; items: InfluencerDto[]; nextCursor: string | null }> {
  const run = await findRun(db, q.topic ?? null, q.window);
  if (!run) return { run: null, items: [], nextCursor: null };
  const after = q.cursor ? decodeKeyset(q.cursor) : null;
  const rows = await page(db, run.id, q, after, q.limit + 1);
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > q.limit && last
      ? encodeKeyset({ value: last.sortValue, authorId: last.authorId })
      : null;
  return { run: runDto(run), items: items.map(withoutSortValue), nextCursor };
}

async function page(
  db: Db,
  runId: string,
  f: InfluencerFilter,
  after: Keyset | null,
  limit: number,
): Promise<Row[]> {
  const col = SORTS[f.sort];
  const { rows } = await sql<Row>`
    ${SELECT}, ${col} as "sortValue"
    from influence_scores s join authors a on a.id = s.author_id
    where ${influencerWhere(runId, f)} and ${keysetAfter(f.sort, after)}
    order by ${col} desc, s.author_id desc
    limit ${limit}`.execute(db);
  return rows;
}

function withoutSortValue(row: Row): InfluencerDto {
  const dto: Partial<Row> = { ...row };
  delete dto.sortValue;
  return dto as InfluencerDto;
}

/**
 * Every influencer matching the filter, in pages of `batchSize` read by keyset: memory stays at
 * one page whatever the run's size, and no transaction or connection is held between pages.
 */
export async function* influencerBatches(
  db: Db,
  runId: string,
  f: InfluencerFilter,
  opts: { batchSize?: number; max?: number } = {},
): AsyncGenerator<InfluencerDto[]> {
  // 1,000 rows (about 1 MB of row objects) per page: small enough that a page dies young, large
  // enough that the per-query round trip stays negligible.
  const batchSize = opts.batchSize ?? 1_000;
  let left = opts.max ?? Infinity;
  let after: Keyset | null = null;
  while (left > 0) {
    const rows = await page(db, runId, f, after, Math.min(batchSize, left));
    if (rows.length === 0) return;
    yield rows.map(withoutSortValue);
    left -= rows.length;
    const last = rows[rows.length - 1]!;
    after = { value: last.sortValue, authorId: last.authorId };
    if (rows.length < batchSize) return;
  }
}

export interface InteractionDto {
  authorId: string;
  handle: string;
  weight: number;
  replies: number;
  mentions: number;
  quotes: number;
  reposts: number;
}

/** One author's score and breakdown, with who engages with them most and whom they engage. */
export async function getInfluencer(
  db: Db,
  authorId: string,
  q: { topic?: string; window: number },
): Promise<{
  run: RunDto;
  influencer: InfluencerDto;
  engagedBy: InteractionDto[];
  engages: InteractionDto[];
}> {
  if (!/^\d{1,18}$/.test(authorId)) throw notFound('author', authorId);
  const run = await findRun(db, q.topic ?? null, q.window);
  if (!run) throw notFound(`influence run for window ${q.window} d of topic`, q.topic ?? 'all');
  const { rows } = await sql<InfluencerDto>`
    ${SELECT} from influence_scores s join authors a on a.id = s.author_id
    where s.run_id = ${run.id} and s.author_id = ${authorId}`.execute(db);
  if (!rows[0]) throw notFound('influencer', authorId);
  const [engagedBy, engages] = await Promise.all([
    neighbours(db, run.id, authorId, 'in'),
    neighbours(db, run.id, authorId, 'out'),
  ]);
  return { run: runDto(run), influencer: rows[0], engagedBy, engages };
}

async function neighbours(db: Db, runId: string, authorId: string, dir: 'in' | 'out') {
  const [mine, other] =
    dir === 'in' ? [sql`e.target_id`, sql`e.source_id`] : [sql`e.source_id`, sql`e.target_id`];
  const { rows } = await sql<InteractionDto>`
    select ${other}::text as "authorId", a.handle, e.weight, e.replies, e.mentions, e.quotes,
      e.reposts
    from influence_edges e join authors a on a.id = ${other}
    where e.run_id = ${runId} and ${mine} = ${authorId}
    order by e.weight desc, ${other} limit 20`.execute(db);
  return rows;
}
