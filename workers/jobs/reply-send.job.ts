import { sendReply } from '../../core/dialogue/reply.service.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `dialogue.reply-send` {messageId}: post one reply on its platform. The payload is the message
 * id only; the token is opened from the source's sealed secret inside the attempt.
 */
export const replySendJob: JobHandler<'dialogue.reply-send'> = async (job, deps) =>
  sendReply(
    {
      db: deps.db,
      http: deps.http,
      secrets: deps.secrets,
      timeoutMs: deps.config.REPLY_TIMEOUT_MS,
    },
    job.data.messageId,
    job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
  );
