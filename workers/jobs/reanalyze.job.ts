import { reanalysisStep } from '../../core/corrections/reanalysis.service.js';
import type { JobHandler } from '../job-handler.js';

/** `mentions.reanalyze` {runId, afterId}: queue one page of a re-analysis run, then the next step. */
export const reanalyzeJob: JobHandler<'mentions.reanalyze'> = async (job, deps) =>
  reanalysisStep(
    {
      db: deps.db,
      queues: deps.queues,
      logger: deps.logger,
      analyzeBatchSize: deps.config.ANALYZE_BATCH_SIZE,
    },
    job.data.runId,
    job.data.afterId,
  );
