import { evaluateRiskAlerts } from '../../core/alerts/risk-alerts.js';
import { churnWeights } from '../../core/customers/churn-weights.js';
import { recomputeRisk } from '../../core/customers/risk.service.js';
import type { JobHandler } from '../job-handler.js';

/** `customers.risk` {customerIds, mentionIds}: re-score these customers, then their risk alerts. */
export const customerRiskJob: JobHandler<'customers.risk'> = async (job, deps) => {
  const changes = await recomputeRisk(
    deps.db,
    job.data.customerIds,
    churnWeights(deps.config.ECOUTE_CHURN_WEIGHTS),
  );
  const fired = await evaluateRiskAlerts(deps, changes, job.data.mentionIds ?? []);
  return { customers: changes.length, alerts: fired.events.length };
};
