import { notFound } from '../errors.js';
import type { Executor } from './database.js';

/** Tables whose rows are the parents of sub-listings (`/ideas/:id/leaders`, …). */
type ParentTable = 'mentions' | 'ideas' | 'customers';

/**
 * Throws not_found unless the row exists, so a sub-listing of an unknown parent answers 404, as
 * its parent does, instead of an empty list (ids are bigint: anything else cannot exist).
 */
export async function requireRow(
  db: Executor,
  table: ParentTable,
  id: string,
  what: string,
): Promise<void> {
  if (!/^\d{1,18}$/.test(id)) throw notFound(what, id);
  const row = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(what, id);
}
