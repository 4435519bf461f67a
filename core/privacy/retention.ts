import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import type { Queues } from '../queue/queues.js';

/** Mentions purged per statement: short transactions, a bounded roll-up per batch. */
const PURGE_BATCH = 5_000;

export interface RetentionReport {
  sources: { sourceId: string; retentionDays: number; purged: number }[];
}

/**
 * Purges the raw mentions older than their source's retention window (`sources.retention_days`,
 * by publication date), keeping what /stats/daily shows: each batch is rolled up into
 * daily_volume (per UTC day, source and topic; topic_key 0 for all) and deleted in ONE statement,
 * so a crash never leaves a batch counted but not deleted or deleted but not counted. The
 * mention's analyses, topic matches, idea links and inbox messages go with it (cascades);
 * author rows stay (they are erased on request, see erase.ts). Idempotent: a rerun finds
 * nothing older than the window.
 */
export async function purgeExpiredMentions(db: Db, now = new Date()): Promise<RetentionReport> {
  const sources = await db
    .selectFrom('sources')
    .select(['id', 'retention_days'])
    .where('retention_days', 'is not', null)
    .orderBy('id')
    .execute();
  const report: RetentionReport = { sources: [] };
  for (const s of sources) {
    const days = s.retention_days!;
    const cutoff = new Date(now.getTime() - days * 86_400_000);
    let purged = 0;
    for (;;) {
      const n = await purgeBatch(db, s.id, cutoff);
      purged += n;
      if (n < PURGE_BATCH) break;
    }
    report.sources.push({ sourceId: s.id, retentionDays: days, purged });
  }
  return report;
}

async function purgeBatch(db: Db, sourceId: string, cutoff: Date): Promise<number> {
  // A CTE referenced twice is evaluated once: the rows rolled up are the rows deleted.
  const r = await sql`
    with batch as (
      select m.id, (m.published_at at time zone 'utc')::date as day,
        a.mention_id is not null as analysed, a.sentiment, coalesce(a.dissatisfied, false) as dissatisfied,
        coalesce(a.idea, false) as idea, a.duplicate_of is null as canonical
      from mentions m left join mention_analyses a on a.mention_id = m.id
      where m.source_id = ${sourceId}::bigint and m.published_at < ${cutoff}
      order by m.id limit ${PURGE_BATCH}
    ), orphans as (
      -- Kept duplicates of a purged mention: their duplicate_of is cleared by the delete, so
      -- they start counting live; a negative roll-up on their day keeps the day's total.
      select m.id, (m.published_at at time zone 'utc')::date as day, true as analysed,
        a.sentiment, coalesce(a.dissatisfied, false) as dissatisfied, coalesce(a.idea, false) as idea
      from mention_analyses a join mentions m on m.id = a.mention_id
      where a.duplicate_of in (select id from batch) and m.id not in (select id from batch)
    ), signed as (
      select id, day, analysed, sentiment, dissatisfied, idea, 1 as sign from batch where canonical
      union all
      select id, day, analysed, sentiment, dissatisfied, idea, -1 from orphans
    ), keyed as (
      select s.*, 0::bigint as topic_key from signed s
      union all
      select s.*, mt.topic_id from signed s join mention_topics mt on mt.mention_id = s.id
    ), rolled as (
      insert into daily_volume (day, source_id, topic_key, total, analysed, negative, neutral,
                                positive, dissatisfied, ideas)
      select day, ${sourceId}::bigint, topic_key, sum(sign),
        coalesce(sum(sign) filter (where analysed), 0),
        coalesce(sum(sign) filter (where sentiment = 'negative'), 0),
        coalesce(sum(sign) filter (where sentiment = 'neutral'), 0),
        coalesce(sum(sign) filter (where sentiment = 'positive'), 0),
        coalesce(sum(sign) filter (where dissatisfied), 0),
        coalesce(sum(sign) filter (where idea), 0)
      from keyed group by day, topic_key
      on conflict (day, source_id, topic_key) do update set
        total = daily_volume.total + excluded.total,
        analysed = daily_volume.analysed + excluded.analysed,
        negative = daily_volume.negative + excluded.negative,
        neutral = daily_volume.neutral + excluded.neutral,
        positive = daily_volume.positive + excluded.positive,
        dissatisfied = daily_volume.dissatisfied + excluded.dissatisfied,
        ideas = daily_volume.ideas + excluded.ideas
    )
    -- A data-modifying CTE always runs to completion, read or not (PostgreSQL docs, 7.8.4).
    delete from mentions where id in (select id from batch)`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export interface DailyRollup {
  day: string;
  total: number;
  analysed: number;
  negative: number;
  neutral: number;
  positive: number;
  dissatisfied: number;
  ideas: number;
}

/**
 * The purged part of the /stats/daily figures over the last `days` days (all mentions, or one
 * topic's): to be added day by day to the counts of the mentions still stored.
 */
export async function dailyRollup(db: Db, days: number, topic?: string): Promise<DailyRollup[]> {
  const { rows } = await sql<DailyRollup>`
    select to_char(day, 'YYYY-MM-DD') as day, sum(total)::int as total, sum(analysed)::int as analysed,
      sum(negative)::int as negative, sum(neutral)::int as neutral, sum(positive)::int as positive,
      sum(dissatisfied)::int as dissatisfied, sum(ideas)::int as ideas
    from daily_volume
    where topic_key = ${topic ?? '0'}::bigint
      and day >= (now() at time zone 'utc')::date - (${days}::int - 1)
    group by day order by day`.execute(db);
  return rows;
}

/** Sets or clears (null) a source's retention window, in days. */
export async function setRetention(db: Db, sourceId: string, days: number | null) {
  const r = await db
    .updateTable('sources')
    .set({ retention_days: days })
    .where('id', '=', sourceId)
    .returning(['id', 'name', 'retention_days'])
    .executeTakeFirst();
  if (!r) throw notFound('source', sourceId);
  return { sourceId: r.id, name: r.name, retentionDays: r.retention_days };
}

export async function listRetention(db: Db) {
  const rows = await db
    .selectFrom('sources')
    .select(['id', 'name', 'retention_days'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ sourceId: r.id, name: r.name, retentionDays: r.retention_days }));
}

export const RETENTION_SCHEDULER_ID = 'privacy-retention';

/** The daily purge; called at worker start and whenever a window is set (idempotent upsert). */
export async function scheduleRetention(queues: Queues): Promise<void> {
  await queues
    .queueOf('privacy.retention')
    .upsertJobScheduler(
      RETENTION_SCHEDULER_ID,
      { every: 86_400_000 },
      { name: 'privacy.retention', data: {} },
    );
}

/** Adds the purged counts to the live ones, day by day: what /stats/daily answers with retention. */
export function addRollup<T extends DailyRollup>(live: T[], rolled: DailyRollup[]): T[] {
  const byDay = new Map(rolled.map((r) => [r.day, r]));
  return live.map((d) => {
    const r = byDay.get(d.day);
    if (!r) return d;
    return {
      ...d,
      total: d.total + r.total,
      analysed: d.analysed + r.analysed,
      negative: d.negative + r.negative,
      neutral: d.neutral + r.neutral,
      positive: d.positive + r.positive,
      dissatisfied: d.dissatisfied + r.dissatisfied,
      ideas: d.ideas + r.ideas,
    };
  });
}
