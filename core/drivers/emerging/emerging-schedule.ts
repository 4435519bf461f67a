import type { Queues } from '../../queue/queues.js';

/** Emerging complaints are recomputed hourly per topic and for all mentions. */
export const EMERGING_EVERY_MS = 60 * 60 * 1000;
const PREFIX = 'drivers-emerging-';
export const emergingSchedulerId = (topicId: string | null) => `${PREFIX}${topicId ?? 'all'}`;

/**
 * Keeps one job scheduler per topic (plus all mentions) and removes those of deleted topics.
 * Call at worker boot and after topics change; rebuilt from Postgres, so a lost Redis recovers.
 */
export async function syncEmergingSchedules(
  queues: Queues,
  topics: readonly { id: string }[],
  everyMs = EMERGING_EVERY_MS,
) {
  const queue = queues.queueOf('drivers.emerging');
  const wanted = new Map(
    [null, ...topics.map((t) => t.id)].map((id) => [emergingSchedulerId(id), id]),
  );
  for (const s of await queue.getJobSchedulers()) {
    if (s.key.startsWith(PREFIX) && !wanted.has(s.key)) await queue.removeJobScheduler(s.key);
  }
  for (const [id, topicId] of wanted) {
    await queue.upsertJobScheduler(
      id,
      { every: everyMs },
      { name: 'drivers.emerging', data: { topicId } },
    );
  }
  return wanted.size;
}
