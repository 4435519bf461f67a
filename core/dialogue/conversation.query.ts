import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../db/database.js';
import { invalid } from '../errors.js';

/** SQL of a conversation's target state now: breached, at_risk, on_track (or done when resolved). */
export const STATE_SQL = sql<string>`case
  when c.status = 'resolved' then 'done'
  when (c.first_response_at is null and now() > c.first_response_due_at) or now() > c.resolution_due_at then 'breached'
  when (c.first_response_at is null and now() > c.first_response_warn_at) or now() > c.resolution_warn_at then 'at_risk'
  else 'on_track' end`;

export const inboxQuerySchema = z
  .object({
    status: z.enum(['open', 'pending', 'resolved', 'active', 'all']).default('active'),
    mine: z.stringbool().optional(),
    unassigned: z.stringbool().optional(),
    assignee: z.string().regex(/^\d+$/).optional(),
    state: z.enum(['on_track', 'at_risk', 'breached']).optional(),
    platform: z.string().max(32).optional(),
    priority: z.enum(['urgent', 'high', 'normal', 'low']).optional(),
    customer: z.string().regex(/^\d+$/).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export interface InboxRow {
  id: string;
  platform: string;
  thread_external_id: string;
  status: string;
  priority: string;
  reasons: string[];
  state: string;
  assignee_id: string | null;
  assignee_name: string | null;
  author_handle: string | null;
  customer_id: string | null;
  customer_name: string | null;
  customer_tier: string | null;
  opened_at: Date;
  last_inbound_at: Date;
  first_response_at: Date | null;
  first_response_due_at: Date | null;
  resolution_due_at: Date | null;
  messages: number;
  preview: string | null;
}

/** Keyset cursor over (last_inbound_at desc, id desc). */
const encodeCursor = (r: InboxRow) =>
  Buffer.from(`${r.last_inbound_at.toISOString()}|${r.id}`).toString('base64url');
function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || !/^\d+$/.test(id) || Number.isNaN(Date.parse(at)))
    throw invalid('cursor', 'not a cursor from this listing');
  return { at, id };
}

/** The inbox: newest activity first, filtered; `agentId` is the caller's agent (for `mine`). */
export async function listInbox(db: Executor, q: InboxQuery, agentId: string | null) {
  const where: RawBuilder<unknown>[] = [sql`true`];
  if (q.status === 'active') where.push(sql`c.status <> 'resolved'`);
  else if (q.status !== 'all') where.push(sql`c.status = ${q.status}`);
  if (q.mine) where.push(agentId ? sql`c.assignee_id = ${agentId}` : sql`false`);
  if (q.unassigned) where.push(sql`c.assignee_id is null`);
  if (q.assignee) where.push(sql`c.assignee_id = ${q.assignee}`);
  if (q.state) where.push(sql`${STATE_SQL} = ${q.state}`);
  if (q.platform) where.push(sql`c.platform = ${q.platform}`);
  if (q.priority) where.push(sql`c.priority = ${q.priority}`);
  if (q.customer) where.push(sql`c.customer_id = ${q.customer}`);
  if (q.cursor) {
    const k = decodeCursor(q.cursor);
    where.push(sql`(c.last_inbound_at, c.id) < (${k.at}::timestamptz, ${k.id}::bigint)`);
  }
  const r = await sql<InboxRow>`
    select c.id, c.platform, c.thread_external_id, c.status, c.priority, c.reasons, ${STATE_SQL} as state,
      c.assignee_id, ag.name as assignee_name, au.handle as author_handle,
      c.customer_id, cu.name as customer_name, cu.tier as customer_tier,
      c.opened_at, c.last_inbound_at, c.first_response_at, c.first_response_due_at, c.resolution_due_at,
      (select count(*)::int from conversation_messages cm where cm.conversation_id = c.id) as messages,
      (select left(m.text, 280) from conversation_messages cm join mentions m on m.id = cm.mention_id
        where cm.conversation_id = c.id and cm.direction = 'in' order by m.published_at desc limit 1) as preview
    from conversations c
    left join agents ag on ag.id = c.assignee_id
    left join authors au on au.id = c.author_id
    left join customers cu on cu.id = c.customer_id
    where ${sql.join(where, sql` and `)}
    order by c.last_inbound_at desc, c.id desc
    limit ${q.limit + 1}
  `.execute(db);
  const rows = r.rows.slice(0, q.limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map(toInboxItem),
    nextCursor: r.rows.length > q.limit && last ? encodeCursor(last) : null,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toInboxItem(r: InboxRow) {
  return {
    id: r.id,
    platform: r.platform,
    threadExternalId: r.thread_external_id,
    status: r.status,
    priority: r.priority,
    reasons: r.reasons,
    state: r.state,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name } : null,
    authorHandle: r.author_handle,
    customer: r.customer_id
      ? { id: r.customer_id, name: r.customer_name, tier: r.customer_tier }
      : null,
    openedAt: r.opened_at.toISOString(),
    lastInboundAt: r.last_inbound_at.toISOString(),
    firstResponseAt: iso(r.first_response_at),
    firstResponseDueAt: iso(r.first_response_due_at),
    resolutionDueAt: iso(r.resolution_due_at),
    messages: r.messages,
    preview: r.preview,
  };
}

/** Counts for the inbox's filter tabs. */
export async function inboxCounts(db: Executor, agentId: string | null) {
  const r = await sql<Record<string, number>>`
    select count(*)::int as active,
      count(*) filter (where c.assignee_id = ${agentId ?? '0'})::int as mine,
      count(*) filter (where c.assignee_id is null)::int as unassigned,
      count(*) filter (where ${STATE_SQL} = 'at_risk')::int as at_risk,
      count(*) filter (where ${STATE_SQL} = 'breached')::int as breached
    from conversations c where c.status <> 'resolved'
  `.execute(db);
  return r.rows[0] ?? {};
}
