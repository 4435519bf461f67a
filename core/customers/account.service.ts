import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { invalid, notFound } from '../errors.js';
import { assertCustomer } from './customer.service.js';

export const timelineQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

/**
 * The account's timeline: mentions of its confirmed authors, newest first (keyset on
 * published_at, id), each with its signals, sentiment and the words that triggered them.
 *
 * One query, the account's existence included (no row: no account; one row of nulls: no mention).
 * Each author contributes at most one page, read newest first from mentions_author_published_idx
 * (sql/0005), and only the page's mentions are joined to their author and analysis: an account
 * whose authors have thousands of mentions costs a page per author, not a sort of all of them.
 */
export async function accountTimeline(db: Db, id: string, q: z.output<typeof timelineQuerySchema>) {
  if (!/^\d+$/.test(id)) throw notFound('customer', id);
  let after = sql`true`;
  if (q.cursor) {
    const [at, mid] = Buffer.from(q.cursor, 'base64url').toString('utf8').split('|');
    if (!at || !mid || !/^\d+$/.test(mid) || Number.isNaN(Date.parse(at))) {
      await assertCustomer(db, id);
      throw invalid('cursor', 'is not a cursor returned by this listing');
    }
    after = sql`(m.published_at, m.id) < (${new Date(at)}, ${mid}::bigint)`;
  }
  const r = await sql<{
    id: string | null;
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
    select p.id, p.platform, p.url, p.text, p.published_at, a.handle, a.display_name, x.sentiment,
      x.sentiment_score, x.signals, x.evidence, x.duplicate_of
    from customers c
    left join lateral (
      select m.id, m.platform, m.url, m.text, m.published_at, m.author_id
      from customer_identities i
      cross join lateral (
        select m.id, m.platform, m.url, m.text, m.published_at, m.author_id from mentions m
        where m.author_id = i.author_id and ${after}
        order by m.published_at desc, m.id desc
        limit ${q.limit + 1}
      ) m
      where i.customer_id = c.id and i.status = 'confirmed'
      order by m.published_at desc, m.id desc
      limit ${q.limit + 1}
    ) p on true
    left join authors a on a.id = p.author_id
    left join mention_analyses x on x.mention_id = p.id
    where c.id = ${id}::bigint
    order by p.published_at desc, p.id desc
  `.execute(db);
  if (r.rows.length === 0) throw notFound('customer', id);
  const found = r.rows.filter((m) => m.id !== null);
  const rows = found.slice(0, q.limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map((m) => ({
      id: m.id!,
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
      found.length > q.limit && last
        ? Buffer.from(`${last.published_at.toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}

export const historyQuerySchema = z
  .object({ days: z.coerce.number().int().min(1).max(730).default(90) })
  .strict();

/** One point per day: the score and how much each factor added (one query, as the timeline). */
export async function riskHistory(db: Db, id: string, days: number) {
  if (!/^\d+$/.test(id)) throw notFound('customer', id);
  const r = await sql<{
    day: string | null;
    score: number;
    factors: Record<string, { points: number }> | null;
  }>`
    select to_char(h.day, 'YYYY-MM-DD') as day, h.score, h.breakdown -> 'factors' as factors
    from customers c
    left join customer_risk_history h on h.customer_id = c.id and h.day > current_date - ${days}::int
    where c.id = ${id}::bigint
    order by h.day
  `.execute(db);
  if (r.rows.length === 0) throw notFound('customer', id);
  return {
    items: r.rows
      .filter((h) => h.day !== null)
      .map((h) => ({
        day: h.day!,
        score: h.score,
        factors: Object.fromEntries(Object.entries(h.factors ?? {}).map(([k, v]) => [k, v.points])),
      })),
  };
}
