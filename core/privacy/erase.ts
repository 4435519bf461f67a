import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.js';
import {
  findPerson,
  personColumns,
  requireSomeone,
  type Person,
  type PersonSelector,
} from './person.js';
import { scrubHandles } from './scrub-handles.js';

export interface ErasureReport {
  authors: number;
  mentions: number;
  /** Rows removed or scrubbed per table. */
  rows: Record<string, number>;
}

/**
 * Erases a person everywhere Écoute keeps anything about them, in one transaction:
 * - every row of any table with an `author_id` or `mention_id` column that names them or one of
 *   their mentions (found in the catalogue, so a table added later is covered without a change
 *   here): their mentions, analyses, topic matches, fingerprints, corrections, drivers, idea
 *   supporters and leaders, idea replies, conversations (with their messages, notes and events),
 *   customer identity links and suggestions, influence scores;
 * - the influence graph edges to and from them, CRM handle rows with their handle, the copies of
 *   their mentions cited as evidence in alert events, their mention ids in emerging candidates;
 * - their handle in other people's words (posts, raw payloads, inbox messages, prepared
 *   replies), replaced with "[erased]" (see scrub-handles.ts);
 * - finally their author rows.
 * Aggregates that no longer identify them are kept: influence run totals, daily roll-ups,
 * customer risk history, idea vote counts. Jobs carry ids only, so a waiting job that names one
 * of their mentions finds nothing once the rows are gone; there is no other cache of people.
 */
export async function erasePerson(db: Db, who: PersonSelector): Promise<ErasureReport> {
  return db.transaction().execute(async (trx) => {
    const p = await findPerson(trx, who);
    const rows: Record<string, number> = {};
    const add = (table: string, n: bigint | number | undefined) => {
      const v = Number(n ?? 0);
      if (v > 0) rows[table] = (rows[table] ?? 0) + v;
    };
    add('customer_handles', await eraseCrmHandles(trx, p));
    requireSomeone(p, rows.customer_handles ?? 0);
    for (const [table, n] of Object.entries(await scrubHandles(trx, p))) {
      add(`${table} (handle replaced)`, n);
    }
    for (const { table, column } of await personColumns(trx)) {
      if (table === 'mentions' || column !== 'author_id' || p.authorIds.length === 0) continue;
      const r =
        await sql`delete from ${sql.table(table)} where author_id = any(${p.authorIds}::bigint[])`.execute(
          trx,
        );
      add(table, r.numAffectedRows);
    }
    for (const [table, n] of Object.entries(await eraseMentions(trx, p.mentionIds))) add(table, n);
    if (p.authorIds.length) {
      const edges = await sql`delete from influence_edges
        where source_id = any(${p.authorIds}::bigint[]) or target_id = any(${p.authorIds}::bigint[])`.execute(
        trx,
      );
      add('influence_edges', edges.numAffectedRows);
      add(
        'authors',
        (await trx.deleteFrom('authors').where('id', 'in', p.authorIds).executeTakeFirst())
          .numDeletedRows,
      );
    }
    return { authors: p.authorIds.length, mentions: p.mentionIds.length, rows };
  });
}

/**
 * Deletes mentions and every row that names one of them (tables with a `mention_id` column,
 * found in the catalogue), with their copies in alert evidence and emerging candidates. Shared
 * by erasure and platform deletions. Returns the rows removed or scrubbed per table.
 */
export async function eraseMentions(
  trx: Executor,
  mentionIds: readonly string[],
): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  if (mentionIds.length === 0) return rows;
  const ids = [...mentionIds];
  const add = (table: string, n: bigint | number | undefined) => {
    const v = Number(n ?? 0);
    if (v > 0) rows[table] = (rows[table] ?? 0) + v;
  };
  add('alert_events', await scrubAlertEvidence(trx, ids));
  add('emerging_candidates', await scrubEmerging(trx, ids));
  for (const { table, column } of await personColumns(trx)) {
    if (table === 'mentions' || column !== 'mention_id') continue;
    const r =
      await sql`delete from ${sql.table(table)} where mention_id = any(${ids}::bigint[])`.execute(
        trx,
      );
    add(table, r.numAffectedRows);
  }
  add(
    'mentions',
    (await trx.deleteFrom('mentions').where('id', 'in', ids).executeTakeFirst()).numDeletedRows,
  );
  return rows;
}

async function eraseCrmHandles(trx: Executor, p: Person): Promise<bigint> {
  let n = 0n;
  for (const h of p.handles) {
    const r = await trx
      .deleteFrom('customer_handles')
      .where('platform', '=', h.platform)
      .where(sql`lower(handle)`, '=', h.handle)
      .executeTakeFirst();
    n += r.numDeletedRows;
  }
  return n;
}

/** Alert payloads copy the text and handle of the mentions they cite: those copies go. */
async function scrubAlertEvidence(trx: Executor, mentionIds: string[]) {
  if (mentionIds.length === 0) return 0n;
  const r = await sql`
    update alert_events set payload = jsonb_set(payload, '{evidence}', coalesce((
      select jsonb_agg(e) from jsonb_array_elements(payload -> 'evidence') e
      where not (e ->> 'mentionId' = any(${mentionIds}::text[]))), '[]'::jsonb))
    where jsonb_typeof(payload -> 'evidence') = 'array' and exists (
      select 1 from jsonb_array_elements(payload -> 'evidence') e
      where e ->> 'mentionId' = any(${mentionIds}::text[]))`.execute(trx);
  return r.numAffectedRows ?? 0n;
}

/** Emerging-complaint candidates list example mention ids: theirs are taken out. */
async function scrubEmerging(trx: Executor, mentionIds: string[]) {
  if (mentionIds.length === 0) return 0n;
  const r = await sql`
    update emerging_candidates set mention_ids = array(
      select x from unnest(mention_ids) x where not (x = any(${mentionIds}::bigint[])))
    where mention_ids && ${mentionIds}::bigint[]`.execute(trx);
  return r.numAffectedRows ?? 0n;
}
