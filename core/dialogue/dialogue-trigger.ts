import { createHash } from 'node:crypto';
import type { Queues } from '../queue/queues.js';

/**
 * Called after a batch of mentions is analysed: queues one inbox update for the batch. The job id
 * is derived from the batch, so a retried analysis job queues nothing twice.
 */
export async function afterAnalysisDialogue(
  deps: { queues: Queues },
  mentionIds: readonly string[],
) {
  if (mentionIds.length === 0) return { queued: false };
  const key = createHash('sha1')
    .update([...mentionIds].sort().join(','))
    .digest('hex')
    .slice(0, 20);
  await deps.queues.enqueue(
    'conversations.update',
    { mentionIds: [...mentionIds] },
    { jobId: `conversations-update-${key}` },
  );
  return { queued: true };
}
