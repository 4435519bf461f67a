import { evaluateRiskAlerts } from '../../core/alerts/risk-alerts.js';
import { churnWeights } from '../../core/customers/churn-weights.js';
import { customersOfBatch } from '../../core/customers/risk-trigger.js';
import { recomputeRisk } from '../../core/customers/risk.service.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `customers.risk` {customerIds?, mentionIds?}: re-score these customers (or, after an analysis
 * batch, the ones its mentions concern), then evaluate their risk alerts.
 */
export const customerRiskJob: JobHandler<'customers.risk'> = async (job, deps) => {
  let { customerIds, mentionIds = [] } = job.data;
  if (!customerIds) ({ customerIds, mentionIds } = await customersOfBatch(deps, mentionIds));
  if (customerIds.length === 0) return { customers: 0, alerts: 0 };
  const weights = churnWeights(deps.config.ECOUTE_CHURN_WEIGHTS);
  const changes = await recomputeRisk(deps.db, customerIds, weights);
  const fired = await evaluateRiskAlerts(deps, changes, mentionIds);
  return { customers: changes.length, alerts: fired.events.length };
};
