/**
 * Driver figures for the dashboard and the churn board: volume, share and trend per driver,
 * series per day (stacked), per customer segment, per account, and the drill-down to mentions
 * with their evidence. Mentions reach accounts through confirmed identities (customers issue).
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';

export const figuresQuerySchema = z
  .object({
    topicId: z.string().regex(/^\d+$/).optional(),
    days: z.coerce.number().int().min(1).max(365).default(30),
  })
  .strict();
export type FiguresQuery = z.output<typeof figuresQuerySchema>;

const topicFilter = (topicId: string | undefined) =>
  topicId === undefined
    ? sql`true`
    : sql`exists (select 1 from mention_topics mt where mt.mention_id = m.id and mt.topic_id = ${topicId}::bigint)`;

/** Per driver (null: unassigned): mentions in the period, share, and the previous period's count. */
export async function driverSummary(db: Db, q: FiguresQuery, now = new Date()) {
  const from = new Date(now.getTime() - q.days * 86_400_000);
  const before = new Date(from.getTime() - q.days * 86_400_000);
  const r = await sql<{ driver_key: string | null; current: number; previous: number }>`
    select d.driver_key,
      count(*) filter (where m.published_at >= ${from})::int as current,
      count(*) filter (where m.published_at < ${from})::int as previous
    from mention_drivers d join mentions m on m.id = d.mention_id
    where m.published_at >= ${before} and m.published_at <= ${now} and ${topicFilter(q.topicId)}
    group by 1 order by 2 desc
  `.execute(db);
  const total = r.rows.reduce((a, x) => a + x.current, 0);
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    total,
    items: r.rows.map((x) => ({
      driver: x.driver_key,
      count: x.current,
      share: total === 0 ? 0 : Math.round((x.current / total) * 1000) / 1000,
      previous: x.previous,
      trend: x.current - x.previous,
    })),
  };
}

/** Mentions per day and driver, for a stacked chart. */
export async function driverSeries(db: Db, q: FiguresQuery, now = new Date()) {
  const from = new Date(now.getTime() - q.days * 86_400_000);
  const r = await sql<{ day: string; driver_key: string | null; n: number }>`
    select to_char(date_trunc('day', m.published_at at time zone 'UTC'), 'YYYY-MM-DD') as day, d.driver_key, count(*)::int as n
    from mention_drivers d join mentions m on m.id = d.mention_id
    where m.published_at >= ${from} and m.published_at <= ${now} and ${topicFilter(q.topicId)}
    group by 1, 2 order by 1
  `.execute(db);
  const days: string[] = [];
  for (let t = from.getTime(); t <= now.getTime(); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  const series = new Map<string, number[]>();
  for (const row of r.rows) {
    const key = row.driver_key ?? 'unassigned';
    const s = series.get(key) ?? new Array<number>(days.length).fill(0);
    const i = days.indexOf(row.day);
    if (i >= 0) s[i] = row.n;
    series.set(key, s);
  }
  return { days, series: [...series.entries()].map(([driver, counts]) => ({ driver, counts })) };
}

export const segmentQuerySchema = figuresQuerySchema
  .extend({ by: z.enum(['tier', 'plan', 'region']).default('tier') })
  .strict();

/** Mentions per segment value and driver, over accounts' confirmed authors. */
export async function driversBySegment(
  db: Db,
  q: z.output<typeof segmentQuerySchema>,
  now = new Date(),
) {
  const from = new Date(now.getTime() - q.days * 86_400_000);
  const column = sql.ref(`c.${q.by}`);
  const r = await sql<{ segment: string | null; driver_key: string | null; n: number }>`
    select ${column} as segment, d.driver_key, count(distinct m.id)::int as n
    from mention_drivers d join mentions m on m.id = d.mention_id
    join customer_identities i on i.author_id = m.author_id and i.status = 'confirmed'
    join customers c on c.id = i.customer_id
    where m.published_at >= ${from} and m.published_at <= ${now} and ${topicFilter(q.topicId)}
    group by 1, 2 order by 1, 3 desc
  `.execute(db);
  const segments = new Map<string, { driver: string | null; count: number }[]>();
  for (const row of r.rows) {
    const key = row.segment ?? '(none)';
    segments.set(key, [...(segments.get(key) ?? []), { driver: row.driver_key, count: row.n }]);
  }
  return {
    by: q.by,
    items: [...segments.entries()].map(([segment, drivers]) => ({ segment, drivers })),
  };
}

/**
 * Each account's main drivers over the last `days`: for the churn board. Accounts without
 * driver-assigned mentions are absent from the map.
 */
export async function mainDriversForCustomers(
  db: Db,
  customerIds: readonly string[],
  o: { days?: number; top?: number; now?: Date } = {},
): Promise<Map<string, { driver: string; count: number; share: number }[]>> {
  const out = new Map<string, { driver: string; count: number; share: number }[]>();
  if (customerIds.length === 0) return out;
  const now = o.now ?? new Date();
  const from = new Date(now.getTime() - (o.days ?? 90) * 86_400_000);
  const r = await sql<{ customer_id: string; driver_key: string; n: number; total: number }>`
    select i.customer_id, d.driver_key, count(distinct m.id)::int as n,
      sum(count(distinct m.id)) over (partition by i.customer_id)::int as total
    from customer_identities i
    join mentions m on m.author_id = i.author_id and m.published_at >= ${from} and m.published_at <= ${now}
    join mention_drivers d on d.mention_id = m.id and d.driver_key is not null
    where i.status = 'confirmed' and i.customer_id = any(${[...customerIds]}::bigint[])
    group by 1, 2 order by 1, 3 desc, 2
  `.execute(db);
  for (const row of r.rows) {
    const list = out.get(row.customer_id) ?? [];
    if (list.length < (o.top ?? 3))
      list.push({
        driver: row.driver_key,
        count: row.n,
        share: Math.round((row.n / row.total) * 1000) / 1000,
      });
    out.set(row.customer_id, list);
  }
  return out;
}

export const drillQuerySchema = figuresQuerySchema
  .extend({
    customerId: z.string().regex(/^\d+$/).optional(),
    cursor: z.string().regex(/^\d+$/).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

/** The mentions of one driver ('unassigned' for null), newest first by id, with their evidence. */
export async function driverMentions(
  db: Db,
  driver: string,
  q: z.output<typeof drillQuerySchema>,
  now = new Date(),
) {
  const from = new Date(now.getTime() - q.days * 86_400_000);
  const key = driver === 'unassigned' ? null : driver;
  const r = await sql<{
    id: string;
    text: string;
    url: string | null;
    published_at: Date;
    handle: string | null;
    platform: string;
    driver_key: string | null;
    score: number;
    evidence: unknown;
    source: string;
    taxonomy_version: number;
    model_version: string;
  }>`
    select m.id, m.text, m.url, m.published_at, a.handle, m.platform, d.driver_key, d.score, d.evidence, d.source,
      d.taxonomy_version, d.model_version
    from mention_drivers d join mentions m on m.id = d.mention_id left join authors a on a.id = m.author_id
    where d.driver_key is not distinct from ${key} and m.published_at >= ${from} and ${topicFilter(q.topicId)}
      and (${q.cursor ?? null}::bigint is null or m.id < ${q.cursor ?? null}::bigint)
      and (${q.customerId ?? null}::bigint is null or exists (select 1 from customer_identities i
        where i.author_id = m.author_id and i.status = 'confirmed' and i.customer_id = ${q.customerId ?? null}::bigint))
    order by m.id desc limit ${q.limit + 1}
  `.execute(db);
  const rows = r.rows.slice(0, q.limit);
  return {
    items: rows.map((x) => ({
      mentionId: x.id,
      text: x.text,
      url: x.url,
      platform: x.platform,
      author: x.handle,
      publishedAt: x.published_at.toISOString(),
      driver: x.driver_key,
      score: x.score,
      evidence: x.evidence,
      source: x.source,
      taxonomyVersion: x.taxonomy_version,
      modelVersion: x.model_version,
    })),
    nextCursor: r.rows.length > q.limit ? rows[rows.length - 1]!.id : null,
  };
}
