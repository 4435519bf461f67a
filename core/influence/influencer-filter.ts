import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import { invalid } from '../errors.js';

const id = (what: string) => z.string().regex(/^\d{1,18}$/, `must be a ${what} id`);

/**
 * Columns a listing can be sorted by, best first (ties by author id, highest first); nullable
 * metrics sort after every value. The score has an index; other sorts read the run's rows.
 */
export const SORTS = {
  score: sql`s.score`,
  pagerank: sql`s.pagerank`,
  inDegree: sql`s.in_degree::float8`,
  reach: sql`coalesce(s.followers, -1)::float8`,
  engagement: sql`s.engagement`,
  volume: sql`s.volume::float8`,
  negativeShare: sql`coalesce(s.negative_share, -1)`,
} as const;
export type InfluencerSort = keyof typeof SORTS;

export const influencerFilterSchema = z
  .object({
    /** Topic id; absent: the run over every mention. */
    topic: id('topic').optional(),
    window: z.coerce.number().int().min(1).max(365).default(30),
    /** An author's stance, or `flag_bearer` for the flag-bearers of discontent. */
    stance: z.enum(['negative', 'neutral', 'positive', 'unknown', 'flag_bearer']).optional(),
    lang: z
      .string()
      .regex(/^[a-z]{2}$/, 'must be a two-letter code')
      .optional(),
    platform: z.string().max(64).optional(),
    /** Bot-like accounts are left out unless asked for. */
    bots: z.enum(['exclude', 'include', 'only']).default('exclude'),
    sort: z.enum(Object.keys(SORTS) as [InfluencerSort, ...InfluencerSort[]]).default('score'),
  })
  .strict();

export const influencerListSchema = influencerFilterSchema
  .extend({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export type InfluencerFilter = z.output<typeof influencerFilterSchema>;
export type InfluencerListQuery = z.output<typeof influencerListSchema>;

/** The WHERE clause shared by the listing and every export. */
export function influencerWhere(runId: string, f: InfluencerFilter): RawBuilder<SqlBool> {
  const parts = [sql`s.run_id = ${runId}`];
  if (f.stance === 'flag_bearer') parts.push(sql`s.flag_bearer`);
  else if (f.stance) parts.push(sql`s.stance = ${f.stance}`);
  if (f.lang) parts.push(sql`s.lang = ${f.lang}`);
  if (f.platform) parts.push(sql`s.platform = ${f.platform}`);
  if (f.bots === 'exclude') parts.push(sql`not s.bot_like`);
  if (f.bots === 'only') parts.push(sql`s.bot_like`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

/** Keyset position: the sort value and author id of the last row of the previous page. */
export interface Keyset {
  value: number;
  authorId: string;
}

/**
 * Rows after the keyset, in (sort value desc, author id desc) order, written as a row comparison
 * so that with the score sort it is one range scan of influence_scores_rank_idx.
 */
export function keysetAfter(sort: InfluencerSort, after: Keyset | null): RawBuilder<SqlBool> {
  if (!after) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${SORTS[sort]}, s.author_id) < (${after.value}::float8, ${after.authorId}::bigint)`;
}

export function encodeKeyset(k: Keyset): string {
  return Buffer.from(`${k.value}|${k.authorId}`).toString('base64url');
}

export function decodeKeyset(cursor: string): Keyset {
  const [value, authorId] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const n = Number(value);
  if (!value || !Number.isFinite(n) || !authorId || !/^\d{1,18}$/.test(authorId)) {
    throw invalid('cursor', 'is not a cursor returned by this listing');
  }
  return { value: n, authorId };
}
