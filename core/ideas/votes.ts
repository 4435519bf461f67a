import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.js';
import type { Actor } from './actor.js';
import { lockLiveIdea } from './idea.service.js';

/**
 * Explicit votes: one per person and idea family (an idea and those merged into it). A person is
 * an API key: every staff member signs in with their own. Voting twice is a no-op, not an error.
 */
export interface VoteOutcome {
  voted: boolean;
  /** Whether this call added a vote (false when the person had already voted). */
  changed: boolean;
  votes: number;
}

async function familyVote(db: Executor, ideaId: string, keyId: string): Promise<boolean> {
  const r = await sql<{ found: boolean }>`
    select exists (
      select 1 from idea_votes v join idea_roots r on r.id = v.idea_id
      where r.root = ${ideaId}::bigint and v.voter_key = ${keyId}::bigint) as found
  `.execute(db);
  return r.rows[0]?.found ?? false;
}

async function familyVotes(db: Executor, ideaId: string): Promise<number> {
  const r = await sql<{ n: string }>`
    select count(distinct v.voter_key) as n from idea_votes v join idea_roots r on r.id = v.idea_id
    where r.root = ${ideaId}::bigint
  `.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export async function castVote(db: Db, ideaId: string, actor: Actor): Promise<VoteOutcome> {
  return db.transaction().execute(async (trx) => {
    await lockLiveIdea(trx, ideaId);
    if (await familyVote(trx, ideaId, actor.keyId)) {
      return { voted: true, changed: false, votes: await familyVotes(trx, ideaId) };
    }
    await trx
      .insertInto('idea_votes')
      .values({ idea_id: ideaId, voter_key: actor.keyId })
      .execute();
    return { voted: true, changed: true, votes: await familyVotes(trx, ideaId) };
  });
}

export async function withdrawVote(db: Db, ideaId: string, actor: Actor): Promise<VoteOutcome> {
  return db.transaction().execute(async (trx) => {
    await lockLiveIdea(trx, ideaId);
    const r = await sql`
      delete from idea_votes v using idea_roots r
      where r.id = v.idea_id and r.root = ${ideaId}::bigint and v.voter_key = ${actor.keyId}::bigint
    `.execute(trx);
    return {
      voted: false,
      changed: Number(r.numAffectedRows ?? 0) > 0,
      votes: await familyVotes(trx, ideaId),
    };
  });
}
