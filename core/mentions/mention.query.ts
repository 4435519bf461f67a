import { sql, type SqlBool, type Expression } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { invalid } from '../errors.js';

export const mentionFilterSchema = z
  .object({
    topic: z
      .string()
      .regex(/^\d{1,18}$/, 'must be a topic id')
      .optional(),
    source: z
      .string()
      .regex(/^\d{1,18}$/, 'must be a source id')
      .optional(),
    lang: z
      .string()
      .regex(/^[a-z]{2}$|^unknown$/, 'must be a two-letter code or "unknown"')
      .optional(),
    sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
    dissatisfied: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    idea: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    platform: z.string().max(64).optional(),
    author: z
      .string()
      .regex(/^\d{1,18}$/, 'must be an author id')
      .optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    q: z.string().trim().min(1).max(500).optional(),
    /** Copies of the same post from other sources: hidden by default, they are not new volume. */
    duplicates: z.enum(['exclude', 'include', 'only']).default('exclude'),
    /** The copies grouped under one canonical mention (implies `duplicates` other than exclude). */
    duplicateOf: z
      .string()
      .regex(/^\d{1,18}$/, 'must be a mention id')
      .optional(),
  })
  .strict();

export const mentionListSchema = mentionFilterSchema
  .extend({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export type MentionFilter = z.output<typeof mentionFilterSchema>;
export type MentionListQuery = z.output<typeof mentionListSchema>;

export interface MentionDto {
  id: string;
  platform: string;
  externalId: string;
  url: string | null;
  title: string | null;
  text: string;
  lang: string | null;
  /**
   * Where the mention sits on time lines: its publication date, or, for a mention whose source
   * gave no readable date, the time it was stored (placedBy says which).
   */
  publishedAt: string;
  /** 'fetch' when the source gave no readable date and the mention is placed by fetch time. */
  placedBy: 'published' | 'fetch';
  /** The date as the source wrote it, when it wrote one as text (feeds). */
  publishedRaw: string | null;
  ingestedAt: string;
  parentId: string | null;
  threadId: string | null;
  /** The canonical mention this one repeats (same post seen through another source). */
  duplicateOf: string | null;
  /** How many copies from other sources are grouped under this mention. */
  duplicateCount: number;
  author: {
    id: string;
    handle: string;
    name: string | null;
    profileUrl: string | null;
    followers: number | null;
  } | null;
  source: { id: string; name: string; kind: string } | null;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  score: number | null;
  analysis: {
    sentiment: { label: string; score: number };
    dissatisfied: boolean;
    signals: Record<string, number>;
    idea: boolean;
    evidence: unknown[];
    modelVersion: string;
    analyzedAt: string;
  } | null;
  topics: { id: string; name: string; matchedTerms: string[] }[];
}

/** Keyset cursor: the (published_at, id) of the last row of the previous page. */
export function encodeCursor(publishedAt: Date, id: string): string {
  return Buffer.from(`${publishedAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { publishedAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const publishedAt = new Date(at ?? '');
  if (!id || !/^\d{1,18}$/.test(id) || Number.isNaN(publishedAt.getTime())) {
    throw invalid('cursor', 'is not a cursor returned by this listing');
  }
  return { publishedAt, id };
}

/** The WHERE clause shared by the listing, the stats and the exports. */
export function mentionWhere(f: MentionFilter): Expression<SqlBool> {
  const parts = [sql`true`];
  if (f.topic)
    parts.push(
      sql`exists (select 1 from mention_topics mt where mt.mention_id = m.id and mt.topic_id = ${f.topic})`,
    );
  if (f.source) parts.push(sql`m.source_id = ${f.source}`);
  if (f.platform) parts.push(sql`m.platform = ${f.platform}`);
  if (f.author) parts.push(sql`m.author_id = ${f.author}`);
  if (f.lang) parts.push(sql`a.lang = ${f.lang}`);
  if (f.sentiment) parts.push(sql`a.sentiment = ${f.sentiment}`);
  if (f.dissatisfied !== undefined) parts.push(sql`a.dissatisfied = ${f.dissatisfied}`);
  if (f.idea !== undefined) parts.push(sql`a.idea = ${f.idea}`);
  if (f.from) parts.push(sql`m.published_at >= ${f.from}`);
  if (f.to) parts.push(sql`m.published_at < ${f.to}`);
  if (f.q) parts.push(sql`m.search @@ websearch_to_tsquery('simple', ecoute_unaccent(${f.q}))`);
  if (f.duplicateOf) parts.push(sql`a.duplicate_of = ${f.duplicateOf}`);
  else if (f.duplicates === 'exclude') parts.push(sql`a.duplicate_of is null`);
  if (f.duplicates === 'only') parts.push(sql`a.duplicate_of is not null`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

interface Row {
  id: string;
  platform: string;
  external_id: string;
  url: string | null;
  title: string | null;
  text: string;
  published_at: Date;
  published_raw: string | null;
  date_unknown: boolean;
  ingested_at: Date;
  parent_external_id: string | null;
  thread_external_id: string | null;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  score: number | null;
  author_id: string | null;
  handle: string | null;
  display_name: string | null;
  profile_url: string | null;
  followers: number | null;
  source_id: string | null;
  source_name: string | null;
  source_kind: string | null;
  lang: string | null;
  sentiment: string | null;
  sentiment_score: number | null;
  dissatisfied: boolean | null;
  signals: Record<string, number> | null;
  idea: boolean | null;
  evidence: unknown[] | null;
  model_version: string | null;
  analyzed_at: Date | null;
  duplicate_of: string | null;
}

const SELECT = sql`
  select m.id, m.platform, m.external_id, m.url, m.title, m.text, m.published_at, m.ingested_at,
    m.published_raw, m.date_unknown,
    m.parent_external_id, m.thread_external_id, m.likes, m.reposts, m.replies, m.score,
    au.id as author_id, au.handle, au.display_name, au.profile_url, au.followers,
    s.id as source_id, s.name as source_name, s.kind as source_kind,
    a.lang, a.sentiment, a.sentiment_score, a.dissatisfied, a.signals, a.idea, a.evidence,
    a.model_version, a.analyzed_at, a.duplicate_of
  from mentions m
  left join mention_analyses a on a.mention_id = m.id
  left join authors au on au.id = m.author_id
  left join sources s on s.id = m.source_id`;

export async function listMentions(
  db: Db,
  q: MentionListQuery,
): Promise<{ items: MentionDto[]; nextCursor: string | null }> {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const keyset = after
    ? sql`(m.published_at, m.id) < (${after.publishedAt}, ${after.id}::bigint)`
    : sql`true`;
  const { rows } = await sql<Row>`
    ${SELECT}
    where ${mentionWhere(q)} and ${keyset}
    order by m.published_at desc, m.id desc
    limit ${q.limit + 1}
  `.execute(db);
  const page = rows.slice(0, q.limit);
  const items = await withTopics(db, page.map(toDto));
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > q.limit && last ? encodeCursor(last.published_at, last.id) : null;
  return { items, nextCursor };
}

export async function getMention(db: Db, id: string): Promise<MentionDto | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const { rows } = await sql<Row>`${SELECT} where m.id = ${id}`.execute(db);
  if (!rows[0]) return undefined;
  return (await withTopics(db, [toDto(rows[0])]))[0];
}

/** The topics each mention matched, and how many copies are grouped under it: two queries a page. */
async function withTopics(db: Db, items: MentionDto[]): Promise<MentionDto[]> {
  if (items.length === 0) return items;
  const copies = await sql<{ id: string; n: number }>`
    select duplicate_of as id, count(*)::int as n from mention_analyses
    where duplicate_of = any(${items.map((i) => i.id)}::bigint[]) group by duplicate_of`.execute(
    db,
  );
  const copiesOf = new Map(copies.rows.map((r) => [r.id, r.n]));
  const { rows } = await sql<{
    mention_id: string;
    id: string;
    name: string;
    matched_terms: string[];
  }>`
    select mt.mention_id, t.id, t.name, mt.matched_terms
    from mention_topics mt join topics t on t.id = mt.topic_id
    where mt.mention_id = any(${items.map((i) => i.id)}::bigint[])
    order by t.name`.execute(db);
  const byMention = new Map<string, MentionDto['topics']>();
  for (const r of rows) {
    const list = byMention.get(r.mention_id) ?? [];
    list.push({ id: r.id, name: r.name, matchedTerms: r.matched_terms });
    byMention.set(r.mention_id, list);
  }
  return items.map((i) => ({
    ...i,
    duplicateCount: copiesOf.get(i.id) ?? 0,
    topics: byMention.get(i.id) ?? [],
  }));
}

function toDto(r: Row): MentionDto {
  return {
    id: r.id,
    platform: r.platform,
    externalId: r.external_id,
    url: r.url,
    title: r.title,
    text: r.text,
    lang: r.lang,
    publishedAt: r.published_at.toISOString(),
    placedBy: r.date_unknown ? 'fetch' : 'published',
    publishedRaw: r.published_raw,
    ingestedAt: r.ingested_at.toISOString(),
    parentId: r.parent_external_id,
    threadId: r.thread_external_id,
    duplicateOf: r.duplicate_of,
    duplicateCount: 0,
    author: r.author_id
      ? {
          id: r.author_id,
          handle: r.handle ?? '',
          name: r.display_name,
          profileUrl: r.profile_url,
          followers: r.followers,
        }
      : null,
    source: r.source_id
      ? { id: r.source_id, name: r.source_name ?? '', kind: r.source_kind ?? '' }
      : null,
    likes: r.likes,
    reposts: r.reposts,
    replies: r.replies,
    score: r.score,
    analysis: r.sentiment
      ? {
          sentiment: { label: r.sentiment, score: r.sentiment_score ?? 0 },
          dissatisfied: r.dissatisfied ?? false,
          signals: r.signals ?? {},
          idea: r.idea ?? false,
          evidence: r.evidence ?? [],
          modelVersion: r.model_version ?? '',
          analyzedAt: r.analyzed_at?.toISOString() ?? '',
        }
      : null,
    topics: [],
  };
}
