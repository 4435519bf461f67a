import { markStepsDone } from '../../core/analysis/followups.js';
import { drainBacklog } from '../../core/dialogue/assignment-backlog.js';
import { processBatch } from '../../core/dialogue/conversation-open.service.js';
import { pickUpIdeaReplies } from '../../core/dialogue/idea-replies.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `conversations.update` {mentionIds}: open, extend or reopen inbox conversations and assign
 * owners; then take any replies the ideas module prepared that are not in the inbox yet (the
 * status-change job hands them over itself), and deal the unassigned backlog to agents with room.
 */
export const conversationsUpdateJob: JobHandler<'conversations.update'> = async (job, deps) => {
  const outcome = await processBatch(deps.db, job.data.mentionIds);
  await markStepsDone(deps.db, job.data.followup, ['conversations']);
  const ideaReplies = await pickUpIdeaReplies(deps.db);
  return { ...outcome, ideaReplies, backlogAssigned: await drainBacklog(deps.db) };
};
