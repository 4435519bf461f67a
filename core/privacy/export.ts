import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { findPerson, personColumns, requireSomeone, type PersonSelector } from './person.js';

export interface PersonExport {
  generatedAt: string;
  authors: Record<string, unknown>[];
  /** Per table, every row that names the person or one of their mentions. */
  tables: Record<string, Record<string, unknown>[]>;
}

/**
 * Everything Écoute holds about a person, as JSON: their author rows, and every row of every
 * table with an `author_id` or `mention_id` column naming them (the same catalogue walk as
 * erasure, so what is exported is what an erasure removes), with their influence graph edges,
 * CRM handle rows and the messages of their conversations.
 */
export async function exportPerson(db: Db, who: PersonSelector): Promise<PersonExport> {
  const p = await findPerson(db, who);
  const tables: Record<string, Record<string, unknown>[]> = {};
  const put = (name: string, rows: Record<string, unknown>[]) => {
    if (rows.length) tables[name] = [...(tables[name] ?? []), ...rows];
  };
  const crm = [];
  for (const h of p.handles) {
    crm.push(
      ...(await db
        .selectFrom('customer_handles')
        .selectAll()
        .where('platform', '=', h.platform)
        .where(sql`lower(handle)`, '=', h.handle)
        .execute()),
    );
  }
  requireSomeone(p, crm.length);
  put('customer_handles', crm);
  const authors = p.authorIds.length
    ? await db.selectFrom('authors').selectAll().where('id', 'in', p.authorIds).execute()
    : [];
  for (const { table, column } of await personColumns(db)) {
    const ids = column === 'author_id' ? p.authorIds : p.mentionIds;
    if (ids.length === 0) continue;
    const { rows } = await sql<Record<string, unknown>>`
      select * from ${sql.table(table)} where ${sql.ref(column)} = any(${ids}::bigint[])`.execute(
      db,
    );
    put(table, rows);
  }
  if (p.authorIds.length) {
    const { rows } = await sql<Record<string, unknown>>`select * from influence_edges
      where source_id = any(${p.authorIds}::bigint[]) or target_id = any(${p.authorIds}::bigint[])`.execute(
      db,
    );
    put('influence_edges', rows);
    const convs = (tables.conversations ?? []).map((c) => String(c.id));
    if (convs.length) {
      const msgs = await db
        .selectFrom('conversation_messages')
        .selectAll()
        .where('conversation_id', 'in', convs)
        .execute();
      // Messages already listed through their mention are not repeated.
      const seen = new Set((tables.conversation_messages ?? []).map((m) => String(m.id)));
      put(
        'conversation_messages',
        msgs.filter((m) => !seen.has(m.id)),
      );
    }
  }
  return { generatedAt: new Date().toISOString(), authors, tables };
}
