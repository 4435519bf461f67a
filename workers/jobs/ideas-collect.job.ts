import { markStepsDone } from '../../core/analysis/followups.js';
import { collectIdeaCandidates } from '../../core/ideas/candidates/collect-candidates.js';
import type { JobHandler } from '../job-handler.js';

/** `ideas.collect` {mentionIds}: add the batch's ideas to the review queue and regroup it. */
export const ideasCollectJob: JobHandler<'ideas.collect'> = async (job, deps) => {
  const outcome = await collectIdeaCandidates(deps.db, job.data.mentionIds);
  await markStepsDone(deps.db, job.data.followup, ['ideas']);
  return outcome;
};
