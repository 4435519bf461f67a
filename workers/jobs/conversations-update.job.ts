import { processBatch } from '../../core/dialogue/conversation-open.service.js';
import { pickUpIdeaReplies } from '../../core/dialogue/idea-replies.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `conversations.update` {mentionIds}: open, extend or reopen inbox conversations and assign
 * owners; then take the replies the ideas module prepared, as drafts in their conversations.
 */
export const conversationsUpdateJob: JobHandler<'conversations.update'> = async (job, deps) => {
  const outcome = await processBatch(deps.db, job.data.mentionIds);
  return { ...outcome, ideaReplies: await pickUpIdeaReplies(deps.db) };
};
