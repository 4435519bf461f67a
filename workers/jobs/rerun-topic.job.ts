import { rerunTopic } from '../../core/topics/topic-rerun.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `topics.rerun` {topicId, version}: re-evaluate a topic's query over stored mentions, reporting
 * progress after each batch (`GET /api/v1/topics/:id/rerun` reads it). Idempotent: a retry
 * replaces the same rows again; a run whose version was superseded stops.
 */
export const rerunTopicJob: JobHandler<'topics.rerun'> = async (job, deps) => {
  const { topicId, version } = job.data;
  const outcome = await rerunTopic(deps.db, topicId, version, (p) => job.updateProgress({ ...p }));
  deps.logger.info({ topicId, version, ...outcome }, 'topic re-run finished');
  return outcome;
};
