import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { AnalysisPool } from './analysis-pool.js';
import { resolveDuplicates } from './duplicates.js';
import { recordFollowups } from './followups.js';
import type { AnalyzeItem } from './task.js';

export interface AnalyzeDeps {
  db: Db;
  pool: AnalysisPool;
  /** Locally trained models that replace the shipped ones; null for the shipped models only. */
  modelsDir: string | null;
}

export interface AnalyzeOutcome {
  analysed: number;
  /** Already analysed (a duplicate delivery of the job) or deleted since: nothing to do. */
  skipped: number;
  /** Mentions grouped under an earlier canonical mention (same post from another source). */
  duplicates: number;
  topicMatches: number;
  /**
   * The row naming the follow-up steps this batch owes (written with the analysis); null when
   * nothing was analysed, the follow-ups then belonging to the batch that did.
   */
  followupId: string | null;
}

/**
 * Enrichment of stored mentions: language, topic rules, signals, sentiment and idea, computed
 * in worker threads, then written in one transaction for the whole batch. Idempotent: a mention
 * that already has an analysis is skipped unless `reanalyze` asks to replace it.
 */
export async function analyzeMentions(
  deps: AnalyzeDeps,
  mentionIds: string[],
  reanalyze = false,
): Promise<AnalyzeOutcome> {
  const rows = await loadPending(deps.db, mentionIds, reanalyze);
  if (rows.length === 0) {
    return {
      analysed: 0,
      skipped: mentionIds.length,
      duplicates: 0,
      topicMatches: 0,
      followupId: null,
    };
  }
  const topics = await deps.db.selectFrom('topics').select(['id', 'query']).execute();
  const result = await deps.pool.run({
    items: rows.map(toItem),
    topics,
    modelsDir: deps.modelsDir,
  });

  const ids = rows.map((r) => r.id);
  const a = result.analyses;
  const matchRows = result.topics.flatMap((ms, i) =>
    ms.map((m) => ({ mentionId: ids[i]!, topicId: m.topicId, terms: JSON.stringify(m.terms) })),
  );
  let duplicates = 0;
  let followupId: string | null = null;
  await deps.db.transaction().execute(async (trx) => {
    const canon = await resolveDuplicates(
      trx,
      rows.map((r) => ({ id: r.id, publishedAt: r.published_at })),
      result.fingerprints,
    );
    duplicates = canon.filter(Boolean).length;
    await sql`
      insert into mention_analyses (mention_id, lang, sentiment, sentiment_score, dissatisfied,
        signals, idea, evidence, model_version, duplicate_of)
      select * from unnest(
        ${ids}::bigint[], ${a.map((x) => x.lang)}::text[], ${a.map((x) => x.sentiment.label)}::text[],
        ${a.map((x) => clamp(x.sentiment.score, -1, 1))}::real[], ${a.map((x) => x.dissatisfied)}::bool[],
        ${a.map((x) => JSON.stringify(x.signals))}::jsonb[], ${a.map((x) => x.idea)}::bool[],
        ${a.map((x) => JSON.stringify(x.evidence))}::jsonb[],
        ${a.map(() => result.modelVersion)}::text[], ${canon}::bigint[]
      )
      on conflict (mention_id) do update set
        lang = excluded.lang, sentiment = excluded.sentiment,
        sentiment_score = excluded.sentiment_score, dissatisfied = excluded.dissatisfied,
        signals = excluded.signals, idea = excluded.idea, evidence = excluded.evidence,
        model_version = excluded.model_version, duplicate_of = excluded.duplicate_of,
        analyzed_at = now()
    `.execute(trx);
    if (reanalyze) {
      await sql`delete from mention_topics where mention_id = any(${ids}::bigint[])`.execute(trx);
    }
    if (matchRows.length > 0) {
      await sql`
        insert into mention_topics (mention_id, topic_id, matched_terms)
        select t.m, t.t, array(select jsonb_array_elements_text(t.terms))
        from unnest(${matchRows.map((r) => r.mentionId)}::bigint[],
          ${matchRows.map((r) => r.topicId)}::bigint[],
          ${matchRows.map((r) => r.terms)}::jsonb[]) as t(m, t, terms)
        on conflict do nothing
      `.execute(trx);
    }
    // Committed with the analysis: a crash, a lost queue or a spent job cannot drop the follow-ups.
    followupId = await recordFollowups(trx, ids);
  });
  return {
    analysed: rows.length,
    skipped: mentionIds.length - rows.length,
    duplicates,
    topicMatches: matchRows.length,
    followupId,
  };
}

interface PendingRow {
  id: string;
  text: string;
  url: string | null;
  published_at: Date;
  title: string | null;
  lang_hint: string | null;
  platform: string;
  handle: string | null;
  source_name: string | null;
}

async function loadPending(db: Db, ids: string[], reanalyze: boolean): Promise<PendingRow[]> {
  const result = await sql<PendingRow>`
    select m.id, m.text, m.title, m.url, m.lang_hint, m.platform, m.published_at, a.handle,
      s.name as source_name
    from mentions m
    left join authors a on a.id = m.author_id
    left join sources s on s.id = m.source_id
    where m.id = any(${ids}::bigint[])
      and (${reanalyze}::bool or not exists (
        select 1 from mention_analyses x where x.mention_id = m.id))
    order by m.id
  `.execute(db);
  return result.rows;
}

function toItem(r: PendingRow): AnalyzeItem {
  return {
    text: r.text,
    url: r.url,
    title: r.title,
    langHint: r.lang_hint,
    authorHandle: r.handle,
    platform: r.platform,
    sourceName: r.source_name,
  };
}

function clamp(x: number, lo: number, hi: number): number {
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : 0;
}
