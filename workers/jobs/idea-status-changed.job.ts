import { runStatusChange } from '../../core/ideas/notify/status-job.js';
import type { JobHandler } from '../job-handler.js';

/** `ideas.status-changed` {statusHistoryId}: prepare supporters' replies, send the signed event. */
export const ideaStatusChangedJob: JobHandler<'ideas.status-changed'> = async (job, deps) =>
  runStatusChange(
    { db: deps.db, http: deps.http, secrets: deps.secrets },
    job.data.statusHistoryId,
  );
