import { sql } from 'kysely';
import { followupJobId, type FollowupRef } from '../analysis/followups.js';
import type { Db } from '../db/database.js';
import type { Queues } from '../queue/queues.js';
import { linkExactHandles } from './identity-linking.js';

/** Spike rules are evaluated at most once per this many ms, however many batches arrive. */
const SPIKE_EVERY_MS = 30_000;

/**
 * Called by the analysis job after its batch is written: one enqueue, nothing else, so the
 * analysis job finishes as soon as its results are stored. The job id is derived from the batch
 * (same batch → same job), so a retried analysis queues nothing twice.
 */
export async function afterAnalysis(
  deps: { queues: Queues },
  mentionIds: string[],
  followup?: FollowupRef,
): Promise<{ queued: boolean }> {
  if (mentionIds.length === 0) return { queued: false };
  await deps.queues.enqueue(
    'customers.risk',
    { mentionIds, ...(followup ? { followup } : {}) },
    { jobId: followupJobId('risk', mentionIds, followup) },
  );
  return { queued: true };
}

/**
 * The customers an analysis batch concerns: authors whose handle a CRM lists are linked first,
 * then the accounts with a confirmed identity among the batch's authors (two statements). Also
 * queues a spike evaluation at the end of the current 30 s slot, which covers every batch that
 * arrived within it.
 */
export async function customersOfBatch(
  deps: { db: Db; queues: Queues },
  mentionIds: string[],
  now = Date.now(),
): Promise<{ customerIds: string[]; mentionIds: string[] }> {
  const authors = await sql<{ author_id: string }>`
    select distinct author_id from mentions where id = any(${mentionIds}::bigint[]) and author_id is not null
  `.execute(deps.db);
  await linkExactHandles(deps.db, { authorIds: authors.rows.map((a) => a.author_id) });
  const affected = await sql<{ customer_id: string; mention_ids: string[] }>`
    select i.customer_id, array_agg(m.id) as mention_ids
    from mentions m join customer_identities i on i.author_id = m.author_id and i.status = 'confirmed'
    where m.id = any(${mentionIds}::bigint[])
    group by i.customer_id
  `.execute(deps.db);
  const slot = Math.floor(now / SPIKE_EVERY_MS);
  await deps.queues.enqueue(
    'alerts.spikes',
    {},
    { jobId: `alerts-spikes-${slot}`, delayMs: Math.max(1, (slot + 1) * SPIKE_EVERY_MS - now) },
  );
  return {
    customerIds: affected.rows.map((r) => r.customer_id),
    mentionIds: [...new Set(affected.rows.flatMap((r) => r.mention_ids))],
  };
}
