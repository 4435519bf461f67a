import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.js';
import type { Actor } from './actor.js';
import { lockLiveIdea } from './idea.service.js';
import type { ScoreInput } from './idea.schemas.js';

/**
 * Reviewer scores: each reviewer (API key) holds one feasibility and one impact score per idea,
 * 0–4, with a comment. Every change is audited with the old and new values, who and when.
 */
export interface ReviewerScoreDto {
  reviewer: string;
  reviewerKeyId: string;
  feasibility: number;
  impact: number;
  comment: string;
  updatedAt: string;
}

export interface ScoreAuditDto {
  id: string;
  reviewer: string;
  changedAt: string;
  feasibility: { old: number | null; new: number | null };
  impact: { old: number | null; new: number | null };
  comment: { old: string | null; new: string | null };
}

export async function setScore(
  db: Db,
  ideaId: string,
  input: ScoreInput,
  actor: Actor,
): Promise<ReviewerScoreDto[]> {
  await db.transaction().execute(async (trx) => {
    await lockLiveIdea(trx, ideaId);
    const old = await trx
      .selectFrom('idea_scores')
      .select(['feasibility', 'impact', 'comment'])
      .where('idea_id', '=', ideaId)
      .where('reviewer_key', '=', actor.keyId)
      .executeTakeFirst();
    const unchanged =
      old &&
      old.feasibility === input.feasibility &&
      old.impact === input.impact &&
      old.comment === input.comment;
    if (unchanged) return;
    await sql`
      insert into idea_scores (idea_id, reviewer_key, feasibility, impact, comment)
      values (${ideaId}::bigint, ${actor.keyId}::bigint, ${input.feasibility}, ${input.impact}, ${input.comment})
      on conflict (idea_id, reviewer_key) do update set feasibility = excluded.feasibility,
        impact = excluded.impact, comment = excluded.comment, updated_at = now()
    `.execute(trx);
    await trx
      .insertInto('idea_score_audit')
      .values({
        idea_id: ideaId,
        reviewer_key: actor.keyId,
        reviewer_name: actor.name,
        old_feasibility: old?.feasibility ?? null,
        new_feasibility: input.feasibility,
        old_impact: old?.impact ?? null,
        new_impact: input.impact,
        old_comment: old?.comment ?? null,
        new_comment: input.comment,
      })
      .execute();
  });
  return listScores(db, ideaId);
}

export async function listScores(db: Executor, ideaId: string): Promise<ReviewerScoreDto[]> {
  const rows = await db
    .selectFrom('idea_scores as s')
    .innerJoin('api_keys as k', 'k.id', 's.reviewer_key')
    .select(['k.name', 's.reviewer_key', 's.feasibility', 's.impact', 's.comment', 's.updated_at'])
    .where('s.idea_id', '=', ideaId)
    .orderBy('s.updated_at')
    .execute();
  return rows.map((r) => ({
    reviewer: r.name,
    reviewerKeyId: r.reviewer_key,
    feasibility: r.feasibility,
    impact: r.impact,
    comment: r.comment,
    updatedAt: r.updated_at.toISOString(),
  }));
}

export async function scoreAudit(db: Executor, ideaId: string): Promise<ScoreAuditDto[]> {
  const rows = await db
    .selectFrom('idea_score_audit')
    .selectAll()
    .where('idea_id', '=', ideaId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reviewer: r.reviewer_name,
    changedAt: r.changed_at.toISOString(),
    feasibility: { old: r.old_feasibility, new: r.new_feasibility },
    impact: { old: r.old_impact, new: r.new_impact },
    comment: { old: r.old_comment, new: r.new_comment },
  }));
}
