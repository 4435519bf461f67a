import { DelayedError } from 'bullmq';
import { PollRetry, pollSource } from '../../core/sources/poll.service.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `source.poll` {sourceId}: fetch the next page of a source. A temporary failure retries with
 * the queue's exponential backoff; a rate limit waits as long as the platform asked, without
 * spending an attempt; a permanent failure is recorded on the source and the job ends.
 */
export const pollSourceJob: JobHandler<'source.poll'> = async (job, deps, token) => {
  const pollDeps = {
    db: deps.db,
    queues: deps.queues,
    logger: deps.logger,
    analyzeBatchSize: deps.config.ANALYZE_BATCH_SIZE,
    http: deps.http,
    secrets: deps.secrets,
  };
  try {
    const outcome = await pollSource(pollDeps, job.data.sourceId);
    if (outcome.status === 'stored' && outcome.hasMore) {
      // Backfill: the next page right away (or when a spent quota resets), deduplicated while
      // it waits.
      const delayMs = outcome.notBefore ? outcome.notBefore.getTime() - Date.now() : 0;
      await deps.queues.enqueue('source.poll', job.data, {
        jobId: `poll-more-${job.data.sourceId}-${Date.now()}`,
        ...(delayMs > 0 ? { delayMs } : {}),
      });
    }
    return outcome;
  } catch (err) {
    if (err instanceof PollRetry && err.retryAfterMs !== undefined) {
      await job.moveToDelayed(Date.now() + err.retryAfterMs, token);
      throw new DelayedError();
    }
    throw err;
  }
};
