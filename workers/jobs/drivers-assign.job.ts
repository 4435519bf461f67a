import { assignDrivers } from '../../core/drivers/driver-assign.service.js';
import type { JobHandler } from '../job-handler.js';

/** `drivers.assign` {mentionIds}: the drivers of a batch of analysed mentions, in one write. */
export const driversAssignJob: JobHandler<'drivers.assign'> = async (job, deps) =>
  assignDrivers(deps, job.data.mentionIds);
