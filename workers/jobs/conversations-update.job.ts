import { processBatch } from '../../core/dialogue/conversation-open.service.js';
import type { JobHandler } from '../job-handler.js';

/** `conversations.update` {mentionIds}: open, extend or reopen inbox conversations; assign owners. */
export const conversationsUpdateJob: JobHandler<'conversations.update'> = async (job, deps) =>
  processBatch(deps.db, job.data.mentionIds);
