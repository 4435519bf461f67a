import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';

export const statsQuerySchema = z
  .object({
    days: z.coerce.number().int().min(1).max(365).default(30),
    topic: z
      .string()
      .regex(/^\d{1,18}$/, 'must be a topic id')
      .optional(),
  })
  .strict();
export type StatsQuery = z.output<typeof statsQuerySchema>;

export interface DailyStat {
  day: string;
  total: number;
  analysed: number;
  negative: number;
  neutral: number;
  positive: number;
  dissatisfied: number;
  ideas: number;
}

const topicFilter = (topic?: string) =>
  topic
    ? sql`and exists (select 1 from mention_topics mt where mt.mention_id = m.id and mt.topic_id = ${topic})`
    : sql``;

/**
 * Volume and sentiment per UTC day for the last `days` days, every day present. Copies of a post
 * seen through several sources count once (their canonical mention).
 */
export async function dailyStats(db: Db, q: StatsQuery): Promise<DailyStat[]> {
  const { rows } = await sql<DailyStat>`
    with days as (
      select generate_series(
        (now() at time zone 'utc')::date - (${q.days}::int - 1),
        (now() at time zone 'utc')::date, interval '1 day')::date as day
    ), counts as (
      select (m.published_at at time zone 'utc')::date as day,
        count(*)::int as total,
        count(a.mention_id)::int as analysed,
        count(*) filter (where a.sentiment = 'negative')::int as negative,
        count(*) filter (where a.sentiment = 'neutral')::int as neutral,
        count(*) filter (where a.sentiment = 'positive')::int as positive,
        count(*) filter (where a.dissatisfied)::int as dissatisfied,
        count(*) filter (where a.idea)::int as ideas
      from mentions m left join mention_analyses a on a.mention_id = m.id
      where m.published_at >= (now() at time zone 'utc')::date - (${q.days}::int - 1)
        and a.duplicate_of is null ${topicFilter(q.topic)}
      group by 1
    )
    select to_char(d.day, 'YYYY-MM-DD') as day,
      coalesce(c.total, 0) as total, coalesce(c.analysed, 0) as analysed,
      coalesce(c.negative, 0) as negative, coalesce(c.neutral, 0) as neutral,
      coalesce(c.positive, 0) as positive, coalesce(c.dissatisfied, 0) as dissatisfied,
      coalesce(c.ideas, 0) as ideas
    from days d left join counts c on c.day = d.day
    order by d.day`.execute(db);
  return rows;
}

export interface SummaryStats {
  mentions: number;
  analysed: number;
  dissatisfied: number;
  ideas: number;
  negativeShare: number;
  signals: Record<string, number>;
  languages: Record<string, number>;
  sources: { active: number; paused: number; failed: number };
}

/** A signal counts for a mention when its score reaches this level (the dashboards' chips too). */
export const SIGNAL_THRESHOLD = 0.5;

export async function summaryStats(db: Db, q: StatsQuery): Promise<SummaryStats> {
  const since = sql`(now() at time zone 'utc')::date - (${q.days}::int - 1)`;
  const { rows } = await sql<{
    mentions: number;
    analysed: number;
    dissatisfied: number;
    ideas: number;
    negative: number;
    discontent: number;
    churn_intent: number;
    disappointment: number;
    confusion: number;
  }>`
    select count(*)::int as mentions, count(a.mention_id)::int as analysed,
      count(*) filter (where a.dissatisfied)::int as dissatisfied,
      count(*) filter (where a.idea)::int as ideas,
      count(*) filter (where a.sentiment = 'negative')::int as negative,
      count(*) filter (where (a.signals->>'discontent')::real >= ${SIGNAL_THRESHOLD})::int as discontent,
      count(*) filter (where (a.signals->>'churn_intent')::real >= ${SIGNAL_THRESHOLD})::int as churn_intent,
      count(*) filter (where (a.signals->>'disappointment')::real >= ${SIGNAL_THRESHOLD})::int as disappointment,
      count(*) filter (where (a.signals->>'confusion')::real >= ${SIGNAL_THRESHOLD})::int as confusion
    from mentions m left join mention_analyses a on a.mention_id = m.id
    where m.published_at >= ${since} and a.duplicate_of is null ${topicFilter(q.topic)}`.execute(
    db,
  );
  const langs = await sql<{ lang: string; n: number }>`
    select a.lang, count(*)::int as n
    from mentions m join mention_analyses a on a.mention_id = m.id
    where m.published_at >= ${since} and a.duplicate_of is null ${topicFilter(q.topic)}
    group by a.lang`.execute(db);
  const sources = await sql<{ status: 'active' | 'paused' | 'failed'; n: number }>`
    select status, count(*)::int as n from sources group by status`.execute(db);
  const s = rows[0]!;
  const bySource = { active: 0, paused: 0, failed: 0 };
  for (const r of sources.rows) bySource[r.status] = r.n;
  return {
    mentions: s.mentions,
    analysed: s.analysed,
    dissatisfied: s.dissatisfied,
    ideas: s.ideas,
    negativeShare: s.analysed ? s.negative / s.analysed : 0,
    signals: {
      discontent: s.discontent,
      churn_intent: s.churn_intent,
      disappointment: s.disappointment,
      confusion: s.confusion,
    },
    languages: Object.fromEntries(langs.rows.map((r) => [r.lang, r.n])),
    sources: bySource,
  };
}
