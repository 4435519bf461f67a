import { sweepUnanalysed } from '../../core/analysis/sweeper.js';
import type { JobHandler } from '../job-handler.js';

/** `mentions.sweep`: re-enqueue stored mentions whose analysis job was lost. */
export const sweepJob: JobHandler<'mentions.sweep'> = async (_job, deps) =>
  sweepUnanalysed(
    {
      db: deps.db,
      queues: deps.queues,
      logger: deps.logger,
      analyzeBatchSize: deps.config.ANALYZE_BATCH_SIZE,
    },
    deps.config.SWEEP_GRACE_S,
  );
