/**
 * Driver assignment for a batch of analysed mentions, in one read and one write: every
 * dissatisfied, non-duplicate French or English mention gets a row (driver null when the
 * classifier is not confident); an analyst's correction is kept as the assignment; mentions no
 * longer dissatisfied after a re-analysis lose theirs.
 */
import { sql } from 'kysely';
import type { AnalysisPool } from '../analysis/analysis-pool.js';
import type { Db } from '../db/database.js';
import { loadDrivers, type LoadedDrivers } from './driver-models.service.js';
import { driverTask } from './driver-task.js';

interface Pending {
  id: string;
  text: string;
  lang: 'fr' | 'en';
  correction: string | null;
  corrected: boolean;
}

export interface AssignOutcome {
  assigned: number;
  withDriver: number;
  removed: number;
  taxonomyVersion: number;
}

/**
 * The classification runs in the analysis threads: on the worker's event loop, which also renews
 * job locks, it took about 256 ms per 2,000 analysed mentions (bench:ingest profile).
 */
export async function assignDrivers(
  deps: { db: Db; pool: Pick<AnalysisPool, 'classifyDrivers'> },
  mentionIds: readonly string[],
  loaded?: LoadedDrivers,
): Promise<AssignOutcome> {
  const { db } = deps;
  const ids = [...mentionIds];
  const { taxonomy, models, version } = loaded ?? (await loadDrivers(db));
  // The ids filter the analyses, whose rows then find their mention by key. Filtering the
  // mentions instead (`m.id = any(ids)`, or joining `unnest(ids)`), on a store whose statistics
  // lagged behind its growth (a large import), the planner walked every dissatisfied analysis
  // and, for each, scanned an index of mentions or the 2,000 ids: 0.1–3.5 s per batch in
  // bench:ingest (auto_explain), against a few milliseconds.
  const r = await sql<Pending>`
    select x.mention_id as id, m.text, x.lang, c.driver_key as correction,
      c.mention_id is not null as corrected
    from mention_analyses x
    join mentions m on m.id = x.mention_id
    left join driver_corrections c on c.mention_id = x.mention_id
    where x.mention_id = any(${ids}::bigint[])
      and x.dissatisfied and x.duplicate_of is null and x.lang in ('fr', 'en')
    order by x.mention_id
  `.execute(db);
  const rows: {
    id: string;
    key: string | null;
    score: number;
    evidence: unknown[];
    source: string;
  }[] = [];
  const toClassify = r.rows.filter((p) => !p.corrected);
  const decided = toClassify.length
    ? await deps.pool.classifyDrivers(
        driverTask(
          models,
          taxonomy.minScore,
          toClassify.map((p) => ({ text: p.text, lang: p.lang })),
        ),
      )
    : [];
  const decision = new Map(toClassify.map((p, i) => [p.id, decided[i] ?? null]));
  for (const p of r.rows) {
    if (p.corrected) {
      rows.push({ id: p.id, key: p.correction, score: 1, evidence: [], source: 'correction' });
      continue;
    }
    const res = decision.get(p.id) ?? null;
    rows.push({
      id: p.id,
      key: res?.driver?.label ?? null,
      score: res?.driver?.score ?? res?.best.score ?? 0,
      evidence: res?.evidence ?? [],
      source: 'model',
    });
  }
  return db.transaction().execute(async (trx) => {
    const removed = await sql`
      delete from mention_drivers where mention_id = any(${ids}::bigint[])
        and not (mention_id = any(${rows.map((x) => x.id)}::bigint[]))
    `.execute(trx);
    if (rows.length > 0) {
      await sql`
        insert into mention_drivers (mention_id, driver_key, score, taxonomy_version, model_version, evidence, source)
        select t.id, t.key, t.score, ${taxonomy.version}, ${version}, t.evidence, t.source
        from unnest(${rows.map((x) => x.id)}::bigint[], ${rows.map((x) => x.key)}::text[],
          ${rows.map((x) => x.score)}::real[], ${rows.map((x) => JSON.stringify(x.evidence))}::jsonb[],
          ${rows.map((x) => x.source)}::text[]) as t(id, key, score, evidence, source)
        on conflict (mention_id) do update set driver_key = excluded.driver_key, score = excluded.score,
          taxonomy_version = excluded.taxonomy_version, model_version = excluded.model_version,
          evidence = excluded.evidence, source = excluded.source, assigned_at = now()
      `.execute(trx);
    }
    return {
      assigned: rows.length,
      withDriver: rows.filter((x) => x.key !== null).length,
      removed: Number(removed.numAffectedRows ?? 0),
      taxonomyVersion: taxonomy.version,
    };
  });
}

/** Every dissatisfied mention published since `since` (all when null), for a re-assignment. */
export async function dissatisfiedMentionIds(
  db: Db,
  since: Date | null,
  limit = 50_000,
): Promise<string[]> {
  const r = await sql<{ id: string }>`
    select x.mention_id as id from mention_analyses x join mentions m on m.id = x.mention_id
    where x.dissatisfied and (${since}::timestamptz is null or m.published_at >= ${since})
    order by m.published_at desc limit ${limit}
  `.execute(db);
  return r.rows.map((x) => x.id);
}
