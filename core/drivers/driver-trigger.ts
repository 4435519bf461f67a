import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Queues } from '../queue/queues.js';

/**
 * Called after a batch of mentions is analysed: when the batch holds dissatisfied mentions (or
 * mentions that had a driver, in case a re-analysis changed them), queues one driver assignment
 * for the batch. One statement and at most one enqueue; the job id is derived from the batch.
 */
export async function afterAnalysisDrivers(
  deps: { db: Db; queues: Queues },
  mentionIds: readonly string[],
) {
  if (mentionIds.length === 0) return { queued: false };
  const ids = [...mentionIds];
  const r = await sql<{ any: boolean }>`
    select exists (select 1 from mention_analyses where mention_id = any(${ids}::bigint[]) and dissatisfied)
      or exists (select 1 from mention_drivers where mention_id = any(${ids}::bigint[])) as any
  `.execute(deps.db);
  if (!r.rows[0]?.any) return { queued: false };
  const key = createHash('sha1').update(ids.sort().join(',')).digest('hex').slice(0, 20);
  await deps.queues.enqueue(
    'drivers.assign',
    { mentionIds: ids },
    { jobId: `drivers-assign-${key}` },
  );
  return { queued: true };
}
