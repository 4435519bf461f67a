import { evaluateSpikes } from '../../core/alerts/spike-alerts.js';
import type { JobHandler } from '../job-handler.js';

/** `alerts.spikes`: negative-volume spike rules per topic (z-score, cool-down). */
export const alertSpikesJob: JobHandler<'alerts.spikes'> = async (_job, deps) => {
  const fired = await evaluateSpikes(deps);
  return { alerts: fired.events.length };
};
