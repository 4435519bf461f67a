import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { DomainError } from '../errors.js';
import type { Queues } from '../queue/queues.js';
import type { Actor } from './actor.js';
import { getIdea, lockLiveIdea, type IdeaDto } from './idea.service.js';

export interface StatusChangeDto {
  id: string;
  from: string | null;
  to: string;
  reason: string;
  changedBy: string | null;
  changedAt: string;
}

export const statusJobId = (historyId: string) => `idea-status-${historyId}`;

/**
 * Moves an idea to another status with a public-facing reason, keeps the change in its history,
 * and queues one job for it (its id is the change's id, so one change is one event).
 */
export async function changeStatus(
  deps: { db: Db; queues: Queues },
  ideaId: string,
  input: { status: string; reason: string },
  actor: Actor,
): Promise<IdeaDto & { change: StatusChangeDto }> {
  const historyId = await deps.db.transaction().execute(async (trx) => {
    const idea = await lockLiveIdea(trx, ideaId);
    if (idea.status === input.status) {
      throw new DomainError('validation_failed', `status: the idea is already ${input.status}`, [
        { field: 'status', reason: `already ${input.status}` },
      ]);
    }
    await sql`
      update ideas set status = ${input.status}, status_reason = ${input.reason || null}, updated_at = now()
      where id = ${ideaId}::bigint
    `.execute(trx);
    const row = await trx
      .insertInto('idea_status_history')
      .values({
        idea_id: ideaId,
        from_status: idea.status,
        to_status: input.status,
        reason: input.reason,
        changed_by: actor.keyId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
  // After the commit, so the job always finds the change it is about.
  await deps.queues.enqueue(
    'ideas.status-changed',
    { statusHistoryId: historyId },
    { jobId: statusJobId(historyId) },
  );
  const history = await statusHistory(deps.db, ideaId);
  const change = history.find((h) => h.id === historyId)!;
  return { ...(await getIdea(deps.db, ideaId)), change };
}

export async function statusHistory(db: Db, ideaId: string): Promise<StatusChangeDto[]> {
  const rows = await db
    .selectFrom('idea_status_history as h')
    .leftJoin('api_keys as k', 'k.id', 'h.changed_by')
    .select(['h.id', 'h.from_status', 'h.to_status', 'h.reason', 'k.name', 'h.changed_at'])
    .where('h.idea_id', '=', ideaId)
    .orderBy('h.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    from: r.from_status,
    to: r.to_status,
    reason: r.reason,
    changedBy: r.name,
    changedAt: r.changed_at.toISOString(),
  }));
}
