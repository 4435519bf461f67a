import { afterAnalysis } from '../../core/customers/risk-trigger.js';
import { afterAnalysisDialogue } from '../../core/dialogue/dialogue-trigger.js';
import { afterAnalysisDrivers } from '../../core/drivers/driver-trigger.js';
import { afterAnalysisIdeas } from '../../core/ideas/candidates/idea-trigger.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `mentions.analyzed` {mentionIds}: the follow-ups of an analysed batch — churn risk of the
 * customers concerned, idea candidates, conversations to open, drivers of discontent. Each is a
 * set-based step or an enqueue with a deterministic id, so a retry repeats nothing.
 */
export const afterAnalysisJob: JobHandler<'mentions.analyzed'> = async (job, deps) => {
  const ids = job.data.mentionIds;
  await afterAnalysis(deps, ids);
  await afterAnalysisIdeas(deps, ids);
  await afterAnalysisDialogue(deps, ids);
  await afterAnalysisDrivers(deps, ids);
  return { mentions: ids.length };
};
