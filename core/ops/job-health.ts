import type { Job } from 'bullmq';
import { followupBacklog } from '../analysis/followups.js';
import type { Db } from '../db/database.js';
import { QUEUES, type QueueName } from '../queue/jobs.js';
import type { Queues } from '../queue/queues.js';

/** The newest failed jobs shown per queue, and how much of each reason is kept. */
const FAILURES_SHOWN = 5;
const REASON_CHARS = 300;

export interface FailedJob {
  id: string;
  job: string;
  reason: string;
  failedAt: string | null;
  attemptsMade: number;
}

export interface QueueHealth {
  queue: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  /** The newest failures, newest first (at most FAILURES_SHOWN). */
  lastFailures: FailedJob[];
}

export interface JobHealth {
  /** `attention` when a failed set is not empty or follow-ups wait longer than `staleAfterS`. */
  status: 'ok' | 'attention';
  queues: QueueHealth[];
  followups: { batches: number; oldest: string | null; stale: boolean };
}

/**
 * The background work as an operator checks it: per queue, what waits, runs and failed for good
 * (with the newest failures' reasons), and the analysed batches still owing follow-ups. A failed
 * job keeps only ids in its payload, so its reason is the one thing shown from it.
 */
export async function jobHealth(
  deps: { db: Db; queues: Queues },
  staleAfterS: number,
  now = Date.now(),
): Promise<JobHealth> {
  const queues = await Promise.all(QUEUES.map((q) => queueHealth(deps.queues, q)));
  const backlog = await followupBacklog(deps.db);
  const stale = backlog.oldest !== null && now - backlog.oldest.getTime() > staleAfterS * 1000;
  return {
    status: stale || queues.some((q) => q.failed > 0) ? 'attention' : 'ok',
    queues,
    followups: { batches: backlog.batches, oldest: backlog.oldest?.toISOString() ?? null, stale },
  };
}

async function queueHealth(queues: Queues, name: QueueName): Promise<QueueHealth> {
  const queue = queues.byName[name];
  const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
  const failed = counts.failed ?? 0;
  const jobs = failed > 0 ? ((await queue.getFailed(0, FAILURES_SHOWN - 1)) as Job[]) : [];
  return {
    queue: name,
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    failed,
    lastFailures: jobs.map((j) => ({
      id: String(j.id),
      job: j.name,
      reason: (j.failedReason ?? '').slice(0, REASON_CHARS),
      failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
      attemptsMade: j.attemptsMade,
    })),
  };
}
