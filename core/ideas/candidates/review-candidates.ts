import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import { DomainError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { getIdea, insertIdea, lockLiveIdea, type IdeaDto } from '../idea.service.js';

/**
 * A reviewer's decisions on a group of candidates: make it a new idea, attach it to an existing
 * one (its authors become that idea's supporters), or dismiss it. Every mention named must still
 * be pending, so two reviewers deciding on the same group cannot both win.
 */
async function lockPending(db: Executor, mentionIds: readonly string[]): Promise<void> {
  const unique = [...new Set(mentionIds)];
  const r = await sql<{ mention_id: string }>`
    select mention_id from idea_candidates
    where mention_id = any(${unique}::bigint[]) and state = 'pending'
    for update
  `.execute(db);
  if (r.rows.length === unique.length) return;
  const found = new Set(r.rows.map((x) => x.mention_id));
  const missing = unique.filter((id) => !found.has(id));
  throw new DomainError(
    'conflict',
    `mentionIds: ${missing.join(', ')} not pending in the review queue`,
    [{ field: 'mentionIds', reason: `not pending: ${missing.join(', ')}` }],
  );
}

async function linkAndClose(
  db: Executor,
  ideaId: string,
  mentionIds: readonly string[],
  actor: Actor,
): Promise<void> {
  const ids = [...new Set(mentionIds)];
  await sql`
    insert into idea_mentions (idea_id, mention_id, linked_by)
    select ${ideaId}::bigint, m, ${actor.keyId}::bigint from unnest(${ids}::bigint[]) as m
    on conflict do nothing
  `.execute(db);
  await close(db, ids, 'attached', ideaId, actor);
  await sql`update ideas set updated_at = now() where id = ${ideaId}::bigint`.execute(db);
}

async function close(
  db: Executor,
  ids: readonly string[],
  state: 'attached' | 'dismissed',
  ideaId: string | null,
  actor: Actor,
): Promise<void> {
  await sql`
    update idea_candidates set state = ${state}, idea_id = ${ideaId}::bigint,
      reviewed_by = ${actor.keyId}::bigint, reviewed_at = now()
    where mention_id = any(${[...ids]}::bigint[])
  `.execute(db);
}

export async function createIdeaFromCandidates(
  db: Db,
  input: { mentionIds: string[]; title: string; description?: string },
  actor: Actor,
): Promise<IdeaDto> {
  const id = await db.transaction().execute(async (trx) => {
    await lockPending(trx, input.mentionIds);
    const ideaId = await insertIdea(
      trx,
      { title: input.title, description: input.description },
      'crowd',
      actor,
    );
    await linkAndClose(trx, ideaId, input.mentionIds, actor);
    return ideaId;
  });
  return getIdea(db, id);
}

export async function attachCandidates(
  db: Db,
  input: { mentionIds: string[]; ideaId: string },
  actor: Actor,
): Promise<IdeaDto> {
  await db.transaction().execute(async (trx) => {
    await lockLiveIdea(trx, input.ideaId, 'ideaId');
    await lockPending(trx, input.mentionIds);
    await linkAndClose(trx, input.ideaId, input.mentionIds, actor);
  });
  return getIdea(db, input.ideaId);
}

export async function dismissCandidates(
  db: Db,
  input: { mentionIds: string[] },
  actor: Actor,
): Promise<{ dismissed: number }> {
  await db.transaction().execute(async (trx) => {
    await lockPending(trx, input.mentionIds);
    await close(trx, [...new Set(input.mentionIds)], 'dismissed', null, actor);
  });
  return { dismissed: new Set(input.mentionIds).size };
}
