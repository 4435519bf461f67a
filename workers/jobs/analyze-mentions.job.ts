import { analyzeMentions } from '../../core/analysis/analysis.service.js';
import { modelsDir } from '../../core/config/config.js';
import { afterAnalysis } from '../../core/customers/risk-trigger.js';
import { afterAnalysisIdeas } from '../../core/ideas/candidates/idea-trigger.js';
import { afterAnalysisDialogue } from '../../core/dialogue/dialogue-trigger.js';
import { afterAnalysisDrivers } from '../../core/drivers/driver-trigger.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `mentions.analyze` {mentionIds}: enrich a batch of stored mentions (in worker threads), then
 * queue the churn-risk update of the customers they concern (one job per batch).
 */
export const analyzeMentionsJob: JobHandler<'mentions.analyze'> = async (job, deps) => {
  const outcome = await analyzeMentions(
    { db: deps.db, pool: deps.pool, modelsDir: modelsDir(deps.config) },
    job.data.mentionIds,
    job.data.reanalyze,
  );
  await afterAnalysis(deps, job.data.mentionIds);
  await afterAnalysisIdeas(deps, job.data.mentionIds);
  await afterAnalysisDialogue(deps, job.data.mentionIds);
  await afterAnalysisDrivers(deps, job.data.mentionIds);
  return outcome;
};
