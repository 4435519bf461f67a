import { assignDrivers, dissatisfiedMentionIds } from '../../core/drivers/driver-assign.service.js';
import { loadDrivers, retrainDrivers } from '../../core/drivers/driver-models.service.js';
import type { JobHandler } from '../job-handler.js';

/** Mentions re-assigned per statement after a retraining. */
const CHUNK = 500;

/**
 * `drivers.retrain` {sinceDays}: retrain the driver models of the current taxonomy (phrases and
 * corrections), then re-assign the dissatisfied mentions of the last `sinceDays` (default 90).
 */
export const driversRetrainJob: JobHandler<'drivers.retrain'> = async (job, deps) => {
  const trained = await retrainDrivers(deps.db);
  const since = new Date(Date.now() - (job.data.sinceDays ?? 90) * 86_400_000);
  const ids = await dissatisfiedMentionIds(deps.db, since);
  const loaded = await loadDrivers(deps.db);
  for (let i = 0; i < ids.length; i += CHUNK)
    await assignDrivers(deps, ids.slice(i, i + CHUNK), loaded);
  return { ...trained, reassigned: ids.length };
};
