import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export interface EvidenceMention {
  mentionId: string;
  text: string;
  url: string | null;
  author: string | null;
  publishedAt: string;
  signals: Record<string, number>;
  /** The words that triggered the signals, as the analysis recorded them. */
  matched: unknown[];
}

/** The mentions an alert cites, with their text, signals and matched words (one query). */
export async function loadEvidence(
  db: Db,
  mentionIds: string[],
): Promise<Map<string, EvidenceMention>> {
  const ids = [...new Set(mentionIds)];
  if (ids.length === 0) return new Map();
  const r = await sql<{
    id: string;
    text: string;
    url: string | null;
    handle: string | null;
    published_at: Date;
    signals: Record<string, number> | null;
    evidence: unknown[] | null;
  }>`
    select m.id, m.text, m.url, a.handle, m.published_at, x.signals, x.evidence
    from mentions m left join authors a on a.id = m.author_id
    left join mention_analyses x on x.mention_id = m.id
    where m.id = any(${ids}::bigint[])
  `.execute(db);
  return new Map(
    r.rows.map((m) => [
      m.id,
      {
        mentionId: m.id,
        text: m.text.slice(0, 1000),
        url: m.url,
        author: m.handle,
        publishedAt: m.published_at.toISOString(),
        signals: m.signals ?? {},
        matched: m.evidence ?? [],
      },
    ]),
  );
}
