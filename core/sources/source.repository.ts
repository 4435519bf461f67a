import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { NewSourceRow, SourceRow, SourceUpdate } from '../db/schema.js';

export async function findSource(db: Executor, id: string): Promise<SourceRow | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  return db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSources(db: Executor): Promise<SourceRow[]> {
  return db.selectFrom('sources').selectAll().orderBy('id').execute();
}

export async function findSourceByName(
  db: Executor,
  kind: string,
  name: string,
): Promise<SourceRow | undefined> {
  return db
    .selectFrom('sources')
    .selectAll()
    .where('kind', '=', kind)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertSource(db: Executor, row: NewSourceRow): Promise<SourceRow> {
  return db.insertInto('sources').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateSource(
  db: Executor,
  id: string,
  patch: SourceUpdate,
): Promise<SourceRow | undefined> {
  return db
    .updateTable('sources')
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteSource(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom('sources').where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/**
 * Advances a source's cursor only if nobody else did since `expected` was read (compare and
 * set), and records the batch in its health counters. Returns false when the cursor moved.
 */
export async function advanceCursor(
  db: Executor,
  id: string,
  expected: unknown,
  next: unknown,
  stored: number,
  sanitized = 0,
): Promise<boolean> {
  const r = await sql`
    update sources set
      cursor = ${JSON.stringify(next)}::jsonb,
      items_total = items_total + ${stored},
      sanitized_total = sanitized_total + ${sanitized},
      updated_at = now()
    where id = ${id}
      and cursor is not distinct from ${expected === null ? null : JSON.stringify(expected)}::jsonb
  `.execute(db);
  return (r.numAffectedRows ?? 0n) > 0n;
}

/** Records a batch in the source's health counters: mentions stored, fields sanitised. */
export async function countStored(
  db: Executor,
  id: string,
  stored: number,
  sanitized = 0,
): Promise<void> {
  await sql`
    update sources set items_total = items_total + ${stored},
      sanitized_total = sanitized_total + ${sanitized}
    where id = ${id}`.execute(db);
}
