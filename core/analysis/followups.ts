import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';

/**
 * What an analysed batch still owes, kept in Postgres (sql/0022_analysis_followups.sql): one row
 * per batch, written with the analysis, naming the follow-up steps not done yet. Each step's job
 * removes its name once its own work has committed; the sweeper queues again the batches whose
 * steps are left after a grace period (see followup-sweeper.ts).
 */
export const FOLLOWUP_STEPS = ['risk', 'ideas', 'conversations', 'drivers'] as const;
export type FollowupStep = (typeof FOLLOWUP_STEPS)[number];

/** A batch's row and the sweeper's round that queued the job carrying it. */
export interface FollowupRef {
  id: string;
  round: number;
}

/** The job-id prefix of each step's job, and of the job that queues them (`after`). */
const JOB_ID_PREFIX: Record<FollowupStep | 'after', string> = {
  after: 'after',
  risk: 'customers-risk',
  ideas: 'ideas-collect',
  conversations: 'conversations-update',
  drivers: 'drivers-assign',
};

/**
 * A deterministic job id: per batch row and round when the batch is recorded (a new round after a
 * failed or lost one gets new ids), else derived from the ids themselves (callers outside the
 * analysis, such as tests and re-runs, keep their old dedupe).
 */
export function followupJobId(
  step: FollowupStep | 'after',
  mentionIds: readonly string[],
  followup?: FollowupRef,
): string {
  const prefix = JOB_ID_PREFIX[step];
  if (followup) return `${prefix}-f${followup.id}-r${followup.round}`;
  const key = createHash('sha1')
    .update([...mentionIds].sort().join(','))
    .digest('hex')
    .slice(0, 20);
  return `${prefix}-${key}`;
}

/** Called inside the analysis transaction: the batch owes every step. One statement. */
export async function recordFollowups(
  trx: Trx | Db,
  mentionIds: readonly string[],
): Promise<string> {
  const r = await sql<{ id: string }>`
    insert into analysis_followups (mention_ids, pending)
    values (${[...mentionIds]}::bigint[], ${[...FOLLOWUP_STEPS]}::text[])
    returning id
  `.execute(trx);
  return r.rows[0]!.id;
}

/** The steps a batch still owes; empty when it owes none (or its row is gone). */
export async function pendingSteps(db: Db, id: string): Promise<FollowupStep[]> {
  const r = await sql<{ pending: FollowupStep[] }>`
    select pending from analysis_followups where id = ${id}
  `.execute(db);
  return r.rows[0]?.pending ?? [];
}

/** Steps done for a batch (after their work committed). A no-op without a recorded batch. */
export async function markStepsDone(
  db: Db,
  followup: FollowupRef | undefined,
  steps: readonly FollowupStep[],
): Promise<void> {
  if (!followup || steps.length === 0) return;
  await sql`
    update analysis_followups
    set pending = array(select s from unnest(pending) s where s <> all(${[...steps]}::text[]))
    where id = ${followup.id}
  `.execute(db);
}

export interface StaleFollowup {
  id: string;
  round: number;
  pending: FollowupStep[];
}

/** Batches with steps left whose last queueing is older than `graceSeconds`. */
export async function staleFollowups(
  db: Db,
  graceSeconds: number,
  limit: number,
): Promise<StaleFollowup[]> {
  const r = await sql<StaleFollowup>`
    select id, round, pending from analysis_followups
    where cardinality(pending) > 0 and queued_at < now() - make_interval(secs => ${graceSeconds})
    order by queued_at
    limit ${limit}
  `.execute(db);
  return r.rows;
}

/** Starts a new round for these batches; returns what their new jobs carry. */
export async function startRounds(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; round: number; mentionIds: string[] }[]> {
  if (ids.length === 0) return [];
  const r = await sql<{ id: string; round: number; mention_ids: string[] }>`
    update analysis_followups set round = round + 1, queued_at = now()
    where id = any(${[...ids]}::bigint[])
    returning id, round, mention_ids
  `.execute(db);
  return r.rows.map((x) => ({ id: x.id, round: x.round, mentionIds: x.mention_ids }));
}

/** Rows of batches that owe nothing any more. */
export async function deleteFinished(db: Db): Promise<number> {
  const r = await sql`delete from analysis_followups where cardinality(pending) = 0`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export interface FollowupBacklog {
  /** Batches with follow-up steps left. */
  batches: number;
  /** When the oldest of them was analysed; null when there is none. */
  oldest: Date | null;
}

export async function followupBacklog(db: Db): Promise<FollowupBacklog> {
  const r = await sql<{ batches: number; oldest: Date | null }>`
    select count(*)::int as batches, min(created_at) as oldest
    from analysis_followups where cardinality(pending) > 0
  `.execute(db);
  return r.rows[0] ?? { batches: 0, oldest: null };
}
