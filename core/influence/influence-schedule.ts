import type { Queues } from '../queue/queues.js';
import type { ComputeInfluencePayload } from './influence.service.js';

/** The job's name in the queue registry (queue `maintenance`). */
export const INFLUENCE_JOB = 'influence.compute';

/**
 * Windows recomputed for every topic and for all mentions (the dashboard's windows), and how
 * often. An hour keeps the
 * scores fresh for marketers' lists while the cost of a run grows only with its window's edges.
 */
export const INFLUENCE_WINDOWS_DAYS: readonly number[] = [7, 30, 90];
export const INFLUENCE_EVERY_MS = 60 * 60 * 1000;

const PREFIX = 'influence-';
export const influenceSchedulerId = (topicId: string | null, windowDays: number) =>
  `${PREFIX}${topicId ?? 'all'}-${windowDays}d`;

/**
 * Keeps one BullMQ job scheduler per (topic, window), plus the all-topics runs, and removes the
 * schedulers of deleted topics. Called at worker boot and after topics change; schedulers are
 * rebuilt from Postgres, so a Redis that lost its data computes again.
 */
export async function syncInfluenceSchedules(
  queues: Queues,
  topics: readonly { id: string }[],
  opts: { windows?: readonly number[]; everyMs?: number } = {},
): Promise<number> {
  const windows = opts.windows ?? INFLUENCE_WINDOWS_DAYS;
  const queue = queues.byName.maintenance;
  const wanted = new Map<string, ComputeInfluencePayload>();
  for (const topicId of [null, ...topics.map((t) => t.id)]) {
    for (const windowDays of windows) {
      wanted.set(influenceSchedulerId(topicId, windowDays), { topicId, windowDays });
    }
  }
  for (const s of await queue.getJobSchedulers()) {
    if (s.key.startsWith(PREFIX) && !wanted.has(s.key)) await queue.removeJobScheduler(s.key);
  }
  for (const [id, data] of wanted) {
    await queue.upsertJobScheduler(
      id,
      { every: opts.everyMs ?? INFLUENCE_EVERY_MS },
      { name: INFLUENCE_JOB, data },
    );
  }
  return wanted.size;
}
