import { inboxReplySink } from '../../core/dialogue/idea-replies.js';
import { runStatusChange } from '../../core/ideas/notify/status-job.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `ideas.status-changed` {statusHistoryId}: prepare supporters' replies and hand them to the
 * dialogue inbox as drafts (once per reply, however often the job runs), send the signed event.
 */
export const ideaStatusChangedJob: JobHandler<'ideas.status-changed'> = async (job, deps) =>
  runStatusChange(
    { db: deps.db, http: deps.http, secrets: deps.secrets, replySink: inboxReplySink },
    job.data.statusHistoryId,
  );
