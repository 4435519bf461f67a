import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.js';
import { DomainError } from '../errors.js';
import type { Actor } from './actor.js';
import { getIdea, lockLiveIdea, type IdeaDto } from './idea.service.js';

/**
 * Merging records a pointer instead of moving rows: the merged idea's votes, supporters, linked
 * mentions and merged ideas count on the survivor (through idea_roots), and nothing is deleted or
 * rewritten. Unmerging clears the pointer, which restores every vote and supporter exactly.
 * Both moves are kept in idea_merges.
 */
export interface MergeDto {
  id: string;
  sourceId: string;
  sourceTitle: string;
  targetId: string;
  targetTitle: string;
  mergedBy: string | null;
  mergedAt: string;
  undoneBy: string | null;
  undoneAt: string | null;
}

export async function mergeIdea(
  db: Db,
  sourceId: string,
  targetId: string,
  actor: Actor,
): Promise<IdeaDto> {
  if (sourceId === targetId) throw invalidInto('an idea cannot be merged into itself');
  await db.transaction().execute(async (trx) => {
    // Locked in id order, so two opposite merges cannot deadlock.
    const [first, second] =
      BigInt(sourceId) < BigInt(targetId) ? [sourceId, targetId] : [targetId, sourceId];
    await lockLiveIdea(trx, first, first === sourceId ? 'id' : 'into');
    await lockLiveIdea(trx, second, second === sourceId ? 'id' : 'into');
    await sql`
      update ideas set merged_into = ${targetId}::bigint, merged_at = now(), updated_at = now()
      where id = ${sourceId}::bigint
    `.execute(trx);
    await sql`update ideas set updated_at = now() where id = ${targetId}::bigint`.execute(trx);
    await trx
      .insertInto('idea_merges')
      .values({ source_id: sourceId, target_id: targetId, merged_by: actor.keyId })
      .execute();
  });
  return getIdea(db, targetId);
}

export async function unmergeIdea(db: Db, sourceId: string, actor: Actor): Promise<IdeaDto> {
  await db.transaction().execute(async (trx) => {
    const idea = await trx
      .selectFrom('ideas')
      .select(['id', 'merged_into'])
      .where('id', '=', sourceId)
      .forUpdate()
      .executeTakeFirst();
    if (!idea) throw new DomainError('not_found', `idea ${sourceId} does not exist`);
    if (!idea.merged_into) {
      throw new DomainError('conflict', `id: idea ${sourceId} is not merged`, [
        { field: 'id', reason: 'not merged' },
      ]);
    }
    await sql`
      update idea_merges set undone_by = ${actor.keyId}::bigint, undone_at = now()
      where id = (select max(id) from idea_merges where source_id = ${sourceId}::bigint and undone_at is null)
    `.execute(trx);
    await sql`
      update ideas set merged_into = null, merged_at = null, updated_at = now() where id = ${sourceId}::bigint
    `.execute(trx);
  });
  return getIdea(db, sourceId);
}

/** Merges into or out of an idea, oldest first. */
export async function mergeHistory(db: Executor, ideaId: string): Promise<MergeDto[]> {
  const r = await sql<{
    id: string;
    source_id: string;
    source_title: string;
    target_id: string;
    target_title: string;
    merged_by: string | null;
    merged_at: Date;
    undone_by: string | null;
    undone_at: Date | null;
  }>`
    select g.id, g.source_id, s.title as source_title, g.target_id, t.title as target_title,
      km.name as merged_by, g.merged_at, ku.name as undone_by, g.undone_at
    from idea_merges g
    join ideas s on s.id = g.source_id join ideas t on t.id = g.target_id
    left join api_keys km on km.id = g.merged_by left join api_keys ku on ku.id = g.undone_by
    where g.source_id = ${ideaId}::bigint or g.target_id = ${ideaId}::bigint
    order by g.id
  `.execute(db);
  return r.rows.map((x) => ({
    id: x.id,
    sourceId: x.source_id,
    sourceTitle: x.source_title,
    targetId: x.target_id,
    targetTitle: x.target_title,
    mergedBy: x.merged_by,
    mergedAt: x.merged_at.toISOString(),
    undoneBy: x.undone_by,
    undoneAt: x.undone_at?.toISOString() ?? null,
  }));
}

const invalidInto = (reason: string) =>
  new DomainError('validation_failed', `into: ${reason}`, [{ field: 'into', reason }]);
