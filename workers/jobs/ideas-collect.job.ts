import { collectIdeaCandidates } from '../../core/ideas/candidates/collect-candidates.js';
import type { JobHandler } from '../job-handler.js';

/** `ideas.collect` {mentionIds}: add the batch's ideas to the review queue and regroup it. */
export const ideasCollectJob: JobHandler<'ideas.collect'> = async (job, deps) =>
  collectIdeaCandidates(deps.db, job.data.mentionIds);
