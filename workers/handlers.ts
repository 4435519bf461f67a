import { JOB_NAMES, type JobName } from '../core/queue/jobs.js';
import type { JobHandlers } from './job-handler.js';
import { analyzeMentionsJob } from './jobs/analyze-mentions.job.js';
import { alertDeliverJob } from './jobs/alert-deliver.job.js';
import { alertSpikesJob } from './jobs/alert-spikes.job.js';
import { customerLinkJob } from './jobs/customer-link.job.js';
import { customerRescoreJob } from './jobs/customer-rescore.job.js';
import { customerRiskJob } from './jobs/customer-risk.job.js';
import { ideaStatusChangedJob } from './jobs/idea-status-changed.job.js';
import { ideasCollectJob } from './jobs/ideas-collect.job.js';
import { pollSourceJob } from './jobs/poll-source.job.js';
import { rerunTopicJob } from './jobs/rerun-topic.job.js';
import { afterAnalysisJob } from './jobs/after-analysis.job.js';
import { computeInfluenceJob } from './jobs/compute-influence.job.js';
import { reanalyzeJob } from './jobs/reanalyze.job.js';
import { sweepJob } from './jobs/sweep.job.js';
import { conversationsUpdateJob } from './jobs/conversations-update.job.js';
import { conversationsDrainJob } from './jobs/conversations-drain.job.js';
import { replySendJob } from './jobs/reply-send.job.js';
import { driversAssignJob } from './jobs/drivers-assign.job.js';
import { driversEmergingJob } from './jobs/drivers-emerging.job.js';
import { driversRetrainJob } from './jobs/drivers-retrain.job.js';
import { driversSpikesJob } from './jobs/drivers-spikes.job.js';
import { retentionPurgeJob } from './jobs/retention-purge.job.js';
import { credentialsCheckJob } from './jobs/credentials-check.job.js';

/** Every job name has exactly one handler: the type says so, and `checkHandlers` at boot. */
export const HANDLERS: JobHandlers = {
  'source.poll': pollSourceJob,
  'mentions.analyze': analyzeMentionsJob,
  'mentions.sweep': sweepJob,
  'mentions.reanalyze': reanalyzeJob,
  'mentions.analyzed': afterAnalysisJob,
  'influence.compute': computeInfluenceJob,
  'customers.risk': customerRiskJob,
  'customers.rescore': customerRescoreJob,
  'customers.link': customerLinkJob,
  'alerts.spikes': alertSpikesJob,
  'alerts.deliver': alertDeliverJob,
  'topics.rerun': rerunTopicJob,
  'ideas.collect': ideasCollectJob,
  'ideas.status-changed': ideaStatusChangedJob,
  'conversations.update': conversationsUpdateJob,
  'conversations.drain': conversationsDrainJob,
  'dialogue.reply-send': replySendJob,
  'drivers.assign': driversAssignJob,
  'drivers.emerging': driversEmergingJob,
  'drivers.retrain': driversRetrainJob,
  'drivers.spikes': driversSpikesJob,
  'privacy.retention': retentionPurgeJob,
  'credentials.check': credentialsCheckJob,
};

export function checkHandlers(handlers: Record<string, unknown> = HANDLERS): void {
  const missing = JOB_NAMES.filter((n) => typeof handlers[n] !== 'function');
  const unknown = Object.keys(handlers).filter((n) => !JOB_NAMES.includes(n as JobName));
  if (missing.length || unknown.length) {
    throw new Error(
      `job handlers out of step with the registry: missing ${missing.join(', ') || 'none'}; ` +
        `unknown ${unknown.join(', ') || 'none'}`,
    );
  }
}
