import { requeueStaleDeliveries } from '../../core/alerts/alert-events.js';
import { sweepFollowups } from '../../core/analysis/followup-sweeper.js';
import { sweepUnanalysed } from '../../core/analysis/sweeper.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `mentions.sweep`: re-enqueue what a lost queue or a spent job dropped — stored mentions whose
 * analysis job was lost, analysed batches whose follow-ups are unfinished, alert deliveries still
 * pending — each found from its rows in Postgres.
 */
export const sweepJob: JobHandler<'mentions.sweep'> = async (_job, deps) => {
  const grace = deps.config.SWEEP_GRACE_S;
  const unanalysed = await sweepUnanalysed(
    {
      db: deps.db,
      queues: deps.queues,
      logger: deps.logger,
      analyzeBatchSize: deps.config.ANALYZE_BATCH_SIZE,
    },
    grace,
  );
  const followups = await sweepFollowups(deps, grace);
  const deliveries = await requeueStaleDeliveries(deps, grace);
  return { ...unanalysed, followups, deliveries };
};
