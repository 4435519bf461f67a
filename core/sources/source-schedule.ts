import type { Queues } from '../queue/queues.js';
import type { SourceRow } from '../db/schema.js';
import { POLLED_KINDS } from './poll.service.js';

export const pollSchedulerId = (sourceId: string) => `poll-source-${sourceId}`;

/**
 * Keeps BullMQ's job scheduler for a source in step with the source row: an active polled
 * source is polled every `poll_interval_s`; a paused, failed or deleted one is not.
 */
export async function syncSourceSchedule(queues: Queues, source: SourceRow | { id: string }) {
  const queue = queues.queueOf('source.poll');
  const id = pollSchedulerId(source.id);
  if (!('status' in source) || source.status !== 'active' || !POLLED_KINDS.has(source.kind)) {
    await queue.removeJobScheduler(id);
    return;
  }
  await queue.upsertJobScheduler(
    id,
    { every: source.poll_interval_s * 1000 },
    { name: 'source.poll', data: { sourceId: source.id } },
  );
}

/** At boot: schedulers rebuilt from Postgres, so a Redis that lost its data polls again. */
export async function syncAllSchedules(queues: Queues, sources: SourceRow[]): Promise<void> {
  const wanted = new Set(sources.map((s) => pollSchedulerId(s.id)));
  const queue = queues.queueOf('source.poll');
  for (const s of await queue.getJobSchedulers()) {
    if (s.key.startsWith('poll-source-') && !wanted.has(s.key))
      await queue.removeJobScheduler(s.key);
  }
  for (const source of sources) await syncSourceSchedule(queues, source);
}
