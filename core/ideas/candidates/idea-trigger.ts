import { sql } from 'kysely';
import { followupJobId, type FollowupRef } from '../../analysis/followups.js';
import type { Db } from '../../db/database.js';
import type { Queues } from '../../queue/queues.js';

/**
 * Called after a batch of mentions is analysed: when the batch holds ideas, queues one job that
 * adds them to the review queue and regroups it. One statement and at most one enqueue per batch;
 * the job id is derived from the batch, so a retried analysis job queues nothing twice.
 */
export async function afterAnalysisIdeas(
  deps: { db: Db; queues: Queues },
  mentionIds: readonly string[],
  followup?: FollowupRef,
) {
  if (mentionIds.length === 0) return { queued: false };
  const r = await sql<{ any: boolean }>`
    select exists (select 1 from mention_analyses
      where mention_id = any(${[...mentionIds]}::bigint[]) and idea and duplicate_of is null) as any
  `.execute(deps.db);
  if (!r.rows[0]?.any) return { queued: false };
  await deps.queues.enqueue(
    'ideas.collect',
    { mentionIds: [...mentionIds], ...(followup ? { followup } : {}) },
    { jobId: followupJobId('ideas', mentionIds, followup) },
  );
  return { queued: true };
}
