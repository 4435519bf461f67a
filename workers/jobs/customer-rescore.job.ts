import { evaluateRiskAlerts } from '../../core/alerts/risk-alerts.js';
import { requeueStaleDeliveries } from '../../core/alerts/alert-events.js';
import { churnWeights } from '../../core/customers/churn-weights.js';
import { linkedCustomerIds, recomputeRisk } from '../../core/customers/risk.service.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `customers.rescore` (periodic): signals decay with time, so every linked customer is re-scored
 * even without new mentions; pending alert deliveries whose job was lost are queued again.
 */
export const customerRescoreJob: JobHandler<'customers.rescore'> = async (_job, deps) => {
  const changes = await recomputeRisk(
    deps.db,
    await linkedCustomerIds(deps.db),
    churnWeights(deps.config.ECOUTE_CHURN_WEIGHTS),
  );
  const fired = await evaluateRiskAlerts(deps, changes);
  const requeued = await requeueStaleDeliveries(deps);
  return { customers: changes.length, alerts: fired.events.length, requeued };
};
