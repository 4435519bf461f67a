import { evaluateDriverSpikes } from '../../core/drivers/driver-spikes.js';
import type { JobHandler } from '../job-handler.js';

/** `drivers.spikes`: evaluate the driver-spike alert rules now. */
export const driversSpikesJob: JobHandler<'drivers.spikes'> = async (_job, deps) => {
  const fired = await evaluateDriverSpikes(deps);
  return { events: fired.events.length };
};
