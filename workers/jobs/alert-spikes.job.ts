import { evaluateSpikes } from '../../core/alerts/spike-alerts.js';
import { evaluateDriverSpikes } from '../../core/drivers/driver-spikes.js';
import type { JobHandler } from '../job-handler.js';

/** `alerts.spikes`: spike rules — negative volume per topic and drivers of discontent. */
export const alertSpikesJob: JobHandler<'alerts.spikes'> = async (_job, deps) => {
  const fired = await evaluateSpikes(deps);
  const drivers = await evaluateDriverSpikes(deps);
  return { alerts: fired.events.length, driverAlerts: drivers.events.length };
};
