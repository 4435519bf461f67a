import { markStepsDone } from '../../core/analysis/followups.js';
import { evaluateRiskAlerts } from '../../core/alerts/risk-alerts.js';
import { churnWeights } from '../../core/customers/churn-weights.js';
import { customersOfBatch } from '../../core/customers/risk-trigger.js';
import { recomputeRisk } from '../../core/customers/risk.service.js';
import type { JobPayloads } from '../../core/queue/jobs.js';
import type { JobHandler, WorkerDeps } from '../job-handler.js';

/**
 * `customers.risk` {customerIds?, mentionIds?}: re-score these customers (or, after an analysis
 * batch, the ones its mentions concern), then evaluate their risk alerts.
 */
export const customerRiskJob: JobHandler<'customers.risk'> = async (job, deps) => {
  const outcome = await rescore(job.data, deps);
  // After the alerts are stored: a delivery lost with Redis is re-queued from its row.
  await markStepsDone(deps.db, job.data.followup, ['risk']);
  return outcome;
};

async function rescore(data: JobPayloads['customers.risk'], deps: WorkerDeps) {
  let { customerIds, mentionIds = [] } = data;
  if (!customerIds) ({ customerIds, mentionIds } = await customersOfBatch(deps, mentionIds));
  if (customerIds.length === 0) return { customers: 0, alerts: 0 };
  const weights = churnWeights(deps.config.ECOUTE_CHURN_WEIGHTS);
  const changes = await recomputeRisk(deps.db, customerIds, weights);
  const fired = await evaluateRiskAlerts(deps, changes, mentionIds);
  return { customers: changes.length, alerts: fired.events.length };
}
