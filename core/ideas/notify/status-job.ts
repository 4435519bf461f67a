import { sql } from 'kysely';
import { prepareReplies, type ReplySink } from './prepared-replies.js';
import { loadStatusChange } from './status-change.js';
import { deliverStatusEvent, type WebhookDeps } from './status-webhook.js';

export interface StatusJobOutcome {
  found: boolean;
  replies: number;
  delivered: number;
}

/**
 * The work behind one status change: prepare the replies to its public supporters, then send its
 * one webhook event. Replies first and idempotent, so a webhook failure (retried) never loses them.
 */
export async function runStatusChange(
  deps: WebhookDeps & { replySink?: ReplySink },
  historyId: string,
): Promise<StatusJobOutcome> {
  const change = await loadStatusChange(deps.db, historyId);
  if (!change) return { found: false, replies: 0, delivered: 0 };
  const replies = await prepareReplies(deps.db, change, deps.replySink);
  const s = await sql<{ n: string }>`
    select count(distinct m.author_id) as n from idea_roots f
    join idea_mentions im on im.idea_id = f.id join mentions m on m.id = im.mention_id
    where f.root = ${change.ideaId}::bigint
  `.execute(deps.db);
  const delivered = await deliverStatusEvent(deps, change, Number(s.rows[0]?.n ?? 0));
  return { found: true, replies, delivered };
}
