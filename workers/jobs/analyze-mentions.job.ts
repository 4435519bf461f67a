import { analyzeMentions } from '../../core/analysis/analysis.service.js';
import { modelsDir } from '../../core/config/config.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `mentions.analyze` {mentionIds}: enrich a batch of stored mentions (in worker threads), then
 * queue what follows from it as one `mentions.analyzed` job whose id derives from this job's, so
 * a retried analysis queues its follow-ups once.
 */
export const analyzeMentionsJob: JobHandler<'mentions.analyze'> = async (job, deps) => {
  const outcome = await analyzeMentions(
    { db: deps.db, pool: deps.pool, modelsDir: modelsDir(deps.config) },
    job.data.mentionIds,
    job.data.reanalyze,
  );
  await deps.queues.enqueue(
    'mentions.analyzed',
    { mentionIds: job.data.mentionIds },
    // Behind waiting analyses: under a burst the mentions are analysed first and what follows
    // (churn risk, conversations, drivers) catches up after.
    { jobId: `after-${job.id ?? job.data.mentionIds[0]}`, priority: 10 },
  );
  return outcome;
};
