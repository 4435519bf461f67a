/**
 * The scheduled computation of emerging complaints for one topic (or all mentions): loads the
 * unhappy mentions of the window and its baseline, computes the candidates and replaces the
 * topic's open candidates with them (promoted and dismissed ones stay, as the record of what
 * was named). Unhappy: dissatisfied, or negative sentiment (sarcasm often escapes the flag).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { computeEmerging, type EmergingDoc, type EmergingOptions } from './emerging.js';

export const EMERGING_WINDOW_HOURS = 24;
export const EMERGING_BASELINE_DAYS = 28;

export interface EmergingRun {
  topicId: string | null;
  now?: Date;
  windowHours?: number;
  baselineDays?: number;
  options?: Partial<EmergingOptions>;
}

async function loadDocs(
  db: Db,
  topicId: string | null,
  from: Date,
  to: Date,
): Promise<EmergingDoc[]> {
  const r = await sql<{ id: string; text: string; lang: 'fr' | 'en'; published_at: Date }>`
    select m.id, m.text, x.lang, m.published_at from mentions m
    join mention_analyses x on x.mention_id = m.id
    where m.published_at >= ${from} and m.published_at < ${to}
      and x.duplicate_of is null and x.lang in ('fr', 'en') and (x.dissatisfied or x.sentiment = 'negative')
      and (${topicId}::bigint is null or exists (
        select 1 from mention_topics mt where mt.mention_id = m.id and mt.topic_id = ${topicId}::bigint))
  `.execute(db);
  return r.rows.map((x) => ({ id: x.id, text: x.text, lang: x.lang, at: x.published_at }));
}

export async function refreshEmerging(db: Db, run: EmergingRun) {
  const windowEnd = run.now ?? new Date();
  const windowStart = new Date(
    windowEnd.getTime() - (run.windowHours ?? EMERGING_WINDOW_HOURS) * 3_600_000,
  );
  const baselineStart = new Date(
    windowStart.getTime() - (run.baselineDays ?? EMERGING_BASELINE_DAYS) * 86_400_000,
  );
  const docs = await loadDocs(db, run.topicId, baselineStart, windowEnd);
  const result = computeEmerging(docs, { windowStart, windowEnd, baselineStart }, run.options);
  await db.transaction().execute(async (trx) => {
    await sql`delete from emerging_candidates where status = 'open'
      and topic_id is not distinct from ${run.topicId}::bigint`.execute(trx);
    if (result.candidates.length === 0) return;
    await trx
      .insertInto('emerging_candidates')
      .values(
        result.candidates.map((c, i) => ({
          topic_id: run.topicId,
          window_start: windowStart,
          window_end: windowEnd,
          baseline_start: baselineStart,
          rank: i + 1,
          label: c.label,
          score: c.score,
          phrases: JSON.stringify(c.phrases),
          mention_ids: c.mentionIds,
          window_total: result.windowTotal,
          baseline_total: result.baselineTotal,
        })),
      )
      .execute();
  });
  return {
    topicId: run.topicId,
    windowTotal: result.windowTotal,
    baselineTotal: result.baselineTotal,
    candidates: result.candidates.length,
  };
}
