import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { invalid } from '../errors.js';
import { getCustomer } from './customer.service.js';

export const timelineQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

/**
 * The account's timeline: mentions of its confirmed authors, newest first (keyset on
 * published_at, id), each with its signals, sentiment and the words that triggered them.
 */
export async function accountTimeline(db: Db, id: string, q: z.output<typeof timelineQuerySchema>) {
  await getCustomer(db, id);
  let after = sql`true`;
  if (q.cursor) {
    const [at, mid] = Buffer.from(q.cursor, 'base64url').toString('utf8').split('|');
    if (!at || !mid || !/^\d+$/.test(mid) || Number.isNaN(Date.parse(at))) {
      throw invalid('cursor', 'is not a cursor returned by this listing');
    }
    after = sql`(m.published_at, m.id) < (${new Date(at)}, ${mid}::bigint)`;
  }
  const r = await sql<{
    id: string;
    platform: string;
    url: string | null;
    text: string;
    published_at: Date;
    handle: string | null;
    display_name: string | null;
    sentiment: string | null;
    sentiment_score: number | null;
    signals: Record<string, number> | null;
    evidence: unknown[] | null;
    duplicate_of: string | null;
  }>`
    select m.id, m.platform, m.url, m.text, m.published_at, a.handle, a.display_name, x.sentiment,
      x.sentiment_score, x.signals, x.evidence, x.duplicate_of
    from mentions m
    join authors a on a.id = m.author_id
    left join mention_analyses x on x.mention_id = m.id
    where m.author_id in (select author_id from customer_identities
      where customer_id = ${id}::bigint and status = 'confirmed') and ${after}
    order by m.published_at desc, m.id desc
    limit ${q.limit + 1}
  `.execute(db);
  const rows = r.rows.slice(0, q.limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map((m) => ({
      id: m.id,
      platform: m.platform,
      url: m.url,
      text: m.text,
      publishedAt: m.published_at.toISOString(),
      author: { handle: m.handle, name: m.display_name },
      sentiment: m.sentiment,
      sentimentScore: m.sentiment_score,
      signals: m.signals,
      evidence: m.evidence ?? [],
      duplicateOf: m.duplicate_of,
    })),
    nextCursor:
      r.rows.length > q.limit && last
        ? Buffer.from(`${last.published_at.toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}

export const historyQuerySchema = z
  .object({ days: z.coerce.number().int().min(1).max(730).default(90) })
  .strict();

/** One point per day: the score and how much each factor added. */
export async function riskHistory(db: Db, id: string, days: number) {
  await getCustomer(db, id);
  const r = await sql<{
    day: string;
    score: number;
    factors: Record<string, { points: number }> | null;
  }>`
    select to_char(day, 'YYYY-MM-DD') as day, score, breakdown -> 'factors' as factors
    from customer_risk_history
    where customer_id = ${id}::bigint and day > current_date - ${days}::int
    order by day
  `.execute(db);
  return {
    items: r.rows.map((h) => ({
      day: h.day,
      score: h.score,
      factors: Object.fromEntries(Object.entries(h.factors ?? {}).map(([k, v]) => [k, v.points])),
    })),
  };
}
