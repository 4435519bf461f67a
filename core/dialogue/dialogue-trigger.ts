import { followupJobId, type FollowupRef } from '../analysis/followups.js';
import type { Queues } from '../queue/queues.js';

/**
 * Called after a batch of mentions is analysed: queues one inbox update for the batch. The job id
 * is derived from the batch, so a retried analysis job queues nothing twice.
 */
export async function afterAnalysisDialogue(
  deps: { queues: Queues },
  mentionIds: readonly string[],
  followup?: FollowupRef,
) {
  if (mentionIds.length === 0) return { queued: false };
  await deps.queues.enqueue(
    'conversations.update',
    { mentionIds: [...mentionIds], ...(followup ? { followup } : {}) },
    { jobId: followupJobId('conversations', mentionIds, followup) },
  );
  return { queued: true };
}
