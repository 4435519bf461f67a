import { drainBacklog } from '../../core/dialogue/assignment-backlog.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `conversations.drain` (every few minutes): gives owners to conversations still waiting for
 * one. Room usually frees up through an action that drains at once (a resolve, a hand-over, an
 * agent back at work); this catches the rest — an erasure, a conversation closed by retention,
 * a drain that failed. Idempotent: with no new room it assigns nothing.
 */
export const conversationsDrainJob: JobHandler<'conversations.drain'> = async (_job, deps) => ({
  assigned: await drainBacklog(deps.db),
});
