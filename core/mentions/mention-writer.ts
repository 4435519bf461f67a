import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { NormalizedAuthor, NormalizedMention } from './normalized-mention.js';

export interface StoredBatch {
  /** Ids of the mentions this batch added, in input order; duplicates are not here. */
  insertedIds: string[];
  duplicates: number;
}

/**
 * Stores a batch of normalised mentions with two statements whatever its size: authors upserted,
 * then mentions inserted, each as one INSERT … SELECT FROM unnest(arrays) — one round trip, no
 * parameter-count limit. A mention already stored (same platform and external id) is skipped.
 */
export async function storeMentions(
  db: Executor,
  sourceId: string | null,
  mentions: NormalizedMention[],
): Promise<StoredBatch> {
  const unique = uniqueBy(mentions, (m) => `${m.platform}\u0000${m.externalId}`);
  const authorIds = await upsertAuthors(db, unique);
  const cols = columns(unique, sourceId, authorIds);
  const inserted = await sql<{ id: string }>`
    insert into mentions (platform, external_id, source_id, author_id, url, title, text, links,
      lang_hint, published_at, published_raw, date_unknown, parent_external_id,
      thread_external_id, quoted_external_id, likes, reposts, replies, score, raw)
    select t.platform, t.external_id, t.source_id, t.author_id, t.url, t.title, t.text,
      case when t.links = '[]'::jsonb then '{}'::text[]
        else array(select jsonb_array_elements_text(t.links)) end, t.lang_hint,
      -- An undated mention is placed at the time it is stored, and marked so (sql/0021).
      coalesce(t.published_at, now()), t.published_raw, t.published_at is null,
      t.parent_external_id, t.thread_external_id, t.quoted_external_id,
      t.likes, t.reposts, t.replies, t.score, t.raw
    from unnest(
      ${cols.platform}::text[], ${cols.externalId}::text[], ${cols.sourceId}::bigint[],
      ${cols.authorId}::bigint[], ${cols.url}::text[], ${cols.title}::text[], ${cols.text}::text[],
      ${cols.links}::jsonb[], ${cols.langHint}::text[], ${cols.publishedAt}::timestamptz[],
      ${cols.publishedRaw}::text[], ${cols.parentId}::text[], ${cols.threadId}::text[], ${cols.quotedId}::text[],
      ${cols.likes}::int[], ${cols.reposts}::int[], ${cols.replies}::int[], ${cols.score}::int[],
      ${cols.raw}::jsonb[]
    ) with ordinality as t(platform, external_id, source_id, author_id, url, title, text, links,
      lang_hint, published_at, published_raw, parent_external_id, thread_external_id,
      quoted_external_id, likes, reposts, replies, score, raw, ord)
    order by t.ord
    on conflict (platform, external_id) do nothing
    returning id
  `.execute(db);
  const insertedIds = inserted.rows.map((r) => r.id);
  return { insertedIds, duplicates: mentions.length - insertedIds.length };
}

/** Upserts the batch's authors; returns the author id of each mention (null when anonymous). */
async function upsertAuthors(
  db: Executor,
  mentions: NormalizedMention[],
): Promise<(string | null)[]> {
  const authors = uniqueBy(
    mentions.flatMap((m) => (m.author ? [{ platform: m.platform, ...m.author }] : [])),
    (a) => `${a.platform}\u0000${a.id}`,
  );
  if (authors.length === 0) return mentions.map(() => null);
  // Unchanged authors are not rewritten (a rewrite is a new row version and index entries for
  // every mention of a prolific author); their ids are read back in a second statement.
  const upserted = await sql<{ id: string; platform: string; external_id: string }>`
    insert into authors (platform, external_id, handle, display_name, followers, profile_url)
    select * from unnest(
      ${authors.map((a) => a.platform)}::text[], ${authors.map((a) => a.id)}::text[],
      ${authors.map((a) => a.handle)}::text[], ${authors.map((a) => a.name ?? null)}::text[],
      ${authors.map((a) => a.followers ?? null)}::int[],
      ${authors.map((a) => a.profileUrl ?? null)}::text[]
    )
    on conflict (platform, external_id) do update set
      handle = excluded.handle,
      display_name = coalesce(excluded.display_name, authors.display_name),
      followers = coalesce(excluded.followers, authors.followers),
      profile_url = coalesce(excluded.profile_url, authors.profile_url),
      last_seen_at = now()
    where authors.handle is distinct from excluded.handle
      or (excluded.display_name is not null and authors.display_name is distinct from excluded.display_name)
      or (excluded.followers is not null and authors.followers is distinct from excluded.followers)
      or (excluded.profile_url is not null and authors.profile_url is distinct from excluded.profile_url)
      -- last seen: kept to the hour, not rewritten on every batch
      or authors.last_seen_at < now() - interval '1 hour'
    returning id, platform, external_id
  `.execute(db);
  const rows = { rows: [...upserted.rows] };
  if (upserted.rows.length < authors.length) {
    const unchanged = await sql<{ id: string; platform: string; external_id: string }>`
      select a.id, a.platform, a.external_id from authors a
      join unnest(${authors.map((a) => a.platform)}::text[], ${authors.map((a) => a.id)}::text[])
        as k(platform, external_id) on a.platform = k.platform and a.external_id = k.external_id
    `.execute(db);
    rows.rows = unchanged.rows;
  }
  const idByKey = new Map(rows.rows.map((r) => [`${r.platform}\u0000${r.external_id}`, r.id]));
  return mentions.map((m) =>
    m.author ? (idByKey.get(`${m.platform}\u0000${m.author.id}`) ?? null) : null,
  );
}

function columns(
  mentions: NormalizedMention[],
  sourceId: string | null,
  authorIds: (string | null)[],
) {
  const pick = <T>(f: (m: NormalizedMention) => T) => mentions.map(f);
  return {
    platform: pick((m) => m.platform),
    externalId: pick((m) => m.externalId),
    sourceId: pick(() => sourceId),
    authorId: authorIds,
    url: pick((m) => m.url ?? null),
    title: pick((m) => m.title ?? null),
    text: pick((m) => stripNul(m.text)),
    links: pick((m) => JSON.stringify(m.links ?? [])),
    langHint: pick((m) => m.langHint ?? null),
    publishedAt: pick((m) => m.publishedAt?.toISOString() ?? null),
    publishedRaw: pick((m) => m.publishedRaw ?? null),
    parentId: pick((m) => m.parentId ?? null),
    threadId: pick((m) => m.threadId ?? null),
    quotedId: pick((m) => m.quotedId ?? null),
    likes: pick((m) => m.likes ?? null),
    reposts: pick((m) => m.reposts ?? null),
    replies: pick((m) => m.replies ?? null),
    score: pick((m) => m.score ?? null),
    raw: pick((m) => (m.raw === undefined ? null : jsonForPostgres(m.raw))),
  };
}

/** Postgres text cannot hold U+0000; platforms occasionally send it. */
function stripNul(s: string): string {
  return s.includes('\u0000') ? s.replaceAll('\u0000', '') : s;
}

/** jsonb rejects the escaped NUL (\\u0000) that JSON.stringify writes for U+0000. */
function jsonForPostgres(value: unknown): string {
  return JSON.stringify(value).replace(/(?<!\\)\\u0000/g, '');
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export type { NormalizedAuthor };
