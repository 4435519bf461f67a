import { markStepsDone } from '../../core/analysis/followups.js';
import { assignDrivers } from '../../core/drivers/driver-assign.service.js';
import type { JobHandler } from '../job-handler.js';

/** `drivers.assign` {mentionIds}: the drivers of a batch of analysed mentions, in one write. */
export const driversAssignJob: JobHandler<'drivers.assign'> = async (job, deps) => {
  const outcome = await assignDrivers(deps, job.data.mentionIds);
  await markStepsDone(deps.db, job.data.followup, ['drivers']);
  return outcome;
};
