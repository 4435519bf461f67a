import { refreshEmerging } from '../../core/drivers/emerging/emerging.service.js';
import type { JobHandler } from '../job-handler.js';

/** `drivers.emerging` {topicId}: recompute one topic's emerging-complaint candidates. */
export const driversEmergingJob: JobHandler<'drivers.emerging'> = async (job, deps) =>
  refreshEmerging(deps.db, { topicId: job.data.topicId });
