import { sql } from 'kysely';
import { followupJobId, type FollowupRef } from '../analysis/followups.js';
import type { Db } from '../db/database.js';
import type { Queues } from '../queue/queues.js';

/**
 * Called after a batch of mentions is analysed: when the batch holds dissatisfied mentions (or
 * mentions that had a driver, in case a re-analysis changed them), queues one driver assignment
 * for the batch. One statement and at most one enqueue; the job id is derived from the batch.
 */
export async function afterAnalysisDrivers(
  deps: { db: Db; queues: Queues },
  mentionIds: readonly string[],
  followup?: FollowupRef,
) {
  if (mentionIds.length === 0) return { queued: false };
  const ids = [...mentionIds];
  const r = await sql<{ any: boolean }>`
    select exists (select 1 from mention_analyses where mention_id = any(${ids}::bigint[]) and dissatisfied)
      or exists (select 1 from mention_drivers where mention_id = any(${ids}::bigint[])) as any
  `.execute(deps.db);
  if (!r.rows[0]?.any) return { queued: false };
  await deps.queues.enqueue(
    'drivers.assign',
    { mentionIds: ids, ...(followup ? { followup } : {}) },
    { jobId: followupJobId('drivers', ids, followup) },
  );
  return { queued: true };
}
