import { analyzeMentions } from '../../core/analysis/analysis.service.js';
import { followupJobId } from '../../core/analysis/followups.js';
import { modelsDir } from '../../core/config/config.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `mentions.analyze` {mentionIds}: enrich a batch of stored mentions (in worker threads), then
 * queue what follows from it as one `mentions.analyzed` job for the follow-up row the analysis
 * committed. A run that analysed nothing (a retry after the commit, a sweep racing a late job)
 * queues nothing: the batch that wrote the analyses owns their follow-ups, and the sweeper queues
 * them again if this job's enqueue was lost.
 */
export const analyzeMentionsJob: JobHandler<'mentions.analyze'> = async (job, deps) => {
  const outcome = await analyzeMentions(
    { db: deps.db, pool: deps.pool, modelsDir: modelsDir(deps.config) },
    job.data.mentionIds,
    job.data.reanalyze,
  );
  if (outcome.followupId === null) return outcome;
  const followup = { id: outcome.followupId, round: 0 };
  await deps.queues.enqueue(
    'mentions.analyzed',
    { mentionIds: job.data.mentionIds, followup },
    // Behind waiting analyses: under a burst the mentions are analysed first and what follows
    // (churn risk, conversations, drivers) catches up after.
    { jobId: followupJobId('after', job.data.mentionIds, followup), priority: 10 },
  );
  return outcome;
};
