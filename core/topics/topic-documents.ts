import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { MatchableDocument } from './query/index.js';

/** A stored mention with what a listening query can look at (as at ingest). */
export interface StoredDocument {
  id: string;
  doc: MatchableDocument;
  url: string | null;
  authorName: string | null;
  publishedAt: Date;
}

interface Row {
  id: string;
  text: string;
  title: string | null;
  url: string | null;
  platform: string;
  lang: string | null;
  handle: string | null;
  author_name: string | null;
  source_name: string | null;
  published_at: Date;
}

/**
 * One keyset page of stored mentions, newest id first, strictly below `beforeId` (null: from the
 * top). Matching sees what ingest saw: the detected language when the mention is analysed (else
 * the platform's hint), the author's handle and the source's name.
 */
export async function loadDocuments(
  db: Executor,
  beforeId: string | null,
  limit: number,
): Promise<StoredDocument[]> {
  const below = beforeId === null ? sql`` : sql`where m.id < ${beforeId}::bigint`;
  const { rows } = await sql<Row>`
    select m.id, m.text, m.title, m.url, m.platform, m.published_at,
      coalesce(x.lang, m.lang_hint) as lang, a.handle, a.display_name as author_name,
      s.name as source_name
    from mentions m
    left join mention_analyses x on x.mention_id = m.id
    left join authors a on a.id = m.author_id
    left join sources s on s.id = m.source_id
    ${below}
    order by m.id desc
    limit ${limit}
  `.execute(db);
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    authorName: r.author_name,
    publishedAt: r.published_at,
    doc: {
      text: r.text,
      title: r.title,
      authorHandle: r.handle,
      lang: r.lang,
      source: r.source_name,
      platform: r.platform,
    },
  }));
}

/** How many mentions are stored: the denominator of a preview's and a re-run's progress. */
export async function countDocuments(db: Executor): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from mentions`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
