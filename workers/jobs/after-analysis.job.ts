import { FOLLOWUP_STEPS, markStepsDone, pendingSteps } from '../../core/analysis/followups.js';
import type { FollowupStep } from '../../core/analysis/followups.js';
import { afterAnalysis } from '../../core/customers/risk-trigger.js';
import { afterAnalysisDialogue } from '../../core/dialogue/dialogue-trigger.js';
import { afterAnalysisDrivers } from '../../core/drivers/driver-trigger.js';
import { afterAnalysisIdeas } from '../../core/ideas/candidates/idea-trigger.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `mentions.analyzed` {mentionIds, followup?}: the follow-ups of an analysed batch — churn risk of
 * the customers concerned, idea candidates, conversations to open, drivers of discontent. Only the
 * steps the batch's row still names are queued (a sweeper's new round repeats none that is done);
 * a step with nothing to do (no idea, no dissatisfied mention) is marked done here. Each step is a
 * set-based job with a deterministic id, so a retry repeats nothing.
 */
export const afterAnalysisJob: JobHandler<'mentions.analyzed'> = async (job, deps) => {
  const { mentionIds: ids, followup } = job.data;
  const steps = new Set(followup ? await pendingSteps(deps.db, followup.id) : FOLLOWUP_STEPS);
  const queue: Record<FollowupStep, () => Promise<{ queued: boolean }>> = {
    risk: () => afterAnalysis(deps, ids, followup),
    ideas: () => afterAnalysisIdeas(deps, ids, followup),
    conversations: () => afterAnalysisDialogue(deps, ids, followup),
    drivers: () => afterAnalysisDrivers(deps, ids, followup),
  };
  const queued: FollowupStep[] = [];
  const nothingToDo: FollowupStep[] = [];
  for (const step of FOLLOWUP_STEPS) {
    if (!steps.has(step)) continue;
    if ((await queue[step]()).queued) queued.push(step);
    else nothingToDo.push(step);
  }
  await markStepsDone(deps.db, followup, nothingToDo);
  return { mentions: ids.length, queued, nothingToDo };
};
