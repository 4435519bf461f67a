import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/** One status change with what its notifications need to say. */
export interface StatusChange {
  historyId: string;
  ideaId: string;
  title: string;
  from: string | null;
  to: string;
  reason: string;
  changedAt: Date;
}

export async function loadStatusChange(
  db: Executor,
  historyId: string,
): Promise<StatusChange | undefined> {
  const r = await sql<{
    id: string;
    idea_id: string;
    title: string;
    from_status: string | null;
    to_status: string;
    reason: string;
    changed_at: Date;
  }>`
    select h.id, h.idea_id, i.title, h.from_status, h.to_status, h.reason, h.changed_at
    from idea_status_history h join ideas i on i.id = h.idea_id
    where h.id = ${historyId}::bigint
  `.execute(db);
  const row = r.rows[0];
  if (!row) return undefined;
  return {
    historyId: row.id,
    ideaId: row.idea_id,
    title: row.title,
    from: row.from_status,
    to: row.to_status,
    reason: row.reason,
    changedAt: row.changed_at,
  };
}

/** The event's stable id: the same change always carries the same id, so receivers can dedupe. */
export const statusEventId = (historyId: string) => `idea.status_changed.${historyId}`;
