import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ConversationStatus, Priority } from './dialogue.tables.js';
import type { Schedule } from './response-targets.js';

/** A thread to open (or whose reasons grow) with what the batch learnt about it. */
export interface ConversationSeed {
  platform: string;
  root: string;
  authorId: string | null;
  customerId: string | null;
  reasons: string[];
  priority: Priority;
  openedAt: Date;
  /**
   * The targets of the conversation if this seed opens it, computed by the caller: a new row is
   * written once with its due times instead of being inserted and then rewritten by scheduleDue.
   * Without it the new row is left `needs_schedule`.
   */
  schedule?: Schedule;
}

/** Opens conversations, or merges reasons and raises priority of existing ones; one statement. */
export async function upsertConversations(db: Executor, seeds: readonly ConversationSeed[]) {
  if (seeds.length === 0) return [];
  const r = await sql<{ id: string; inserted: boolean }>`
    insert into conversations (platform, thread_external_id, author_id, customer_id, reasons, priority,
      opened_at, last_inbound_at, first_response_due_at, first_response_warn_at, resolution_due_at,
      resolution_warn_at, needs_schedule)
    select t.platform, t.root, t.author_id, t.customer_id, string_to_array(t.reasons, ','), t.priority,
      t.opened_at, t.opened_at, t.fr_due, t.fr_warn, t.res_due, t.res_warn, t.fr_due is null
    from unnest(
      ${seeds.map((s) => s.platform)}::text[], ${seeds.map((s) => s.root)}::text[],
      ${seeds.map((s) => s.authorId)}::bigint[], ${seeds.map((s) => s.customerId)}::bigint[],
      ${seeds.map((s) => s.reasons.join(','))}::text[], ${seeds.map((s) => s.priority)}::text[],
      ${seeds.map((s) => s.openedAt.toISOString())}::timestamptz[],
      ${seeds.map((s) => iso(s.schedule?.firstResponseDue))}::timestamptz[],
      ${seeds.map((s) => iso(s.schedule?.firstResponseWarn))}::timestamptz[],
      ${seeds.map((s) => iso(s.schedule?.resolutionDue))}::timestamptz[],
      ${seeds.map((s) => iso(s.schedule?.resolutionWarn))}::timestamptz[]
    ) as t(platform, root, author_id, customer_id, reasons, priority, opened_at, fr_due, fr_warn, res_due, res_warn)
    on conflict (platform, thread_external_id) do update set
      reasons = array(select distinct unnest(conversations.reasons || excluded.reasons) order by 1),
      customer_id = coalesce(conversations.customer_id, excluded.customer_id),
      author_id = coalesce(conversations.author_id, excluded.author_id),
      priority = case when ${rank(sql`excluded.priority`)} > ${rank(sql`conversations.priority`)}
                 then excluded.priority else conversations.priority end,
      updated_at = now()
    returning id, (xmax = 0) as inserted
  `.execute(db);
  return r.rows;
}

const iso = (d: Date | undefined) => d?.toISOString() ?? null;

const rank = (col: ReturnType<typeof sql>) =>
  sql`array_position(array['low','normal','high','urgent'], ${col})`;

export interface ConversationState {
  id: string;
  platform: string;
  thread_external_id: string;
  status: ConversationStatus;
  first_response_at: Date | null;
  last_inbound_at: Date;
  last_outbound_at: Date | null;
}

/** The conversations of these threads, locked until the transaction ends (batches may overlap). */
export async function lockConversations(
  db: Executor,
  keys: readonly { platform: string; root: string }[],
) {
  if (keys.length === 0) return [];
  const r = await sql<ConversationState>`
    select c.id, c.platform, c.thread_external_id, c.status, c.first_response_at, c.last_inbound_at,
      (select max(coalesce(o.sent_at, o.created_at)) from conversation_messages o
        where o.conversation_id = c.id and o.direction = 'out' and o.send_status in ('sent', 'elsewhere')) as last_outbound_at
    from conversations c
    join unnest(${keys.map((k) => k.platform)}::text[], ${keys.map((k) => k.root)}::text[]) as k(platform, root)
      on c.platform = k.platform and c.thread_external_id = k.root
    order by c.id
    for update of c
  `.execute(db);
  return r.rows;
}

export interface MessageSeed {
  conversationId: string;
  mentionId: string;
  direction: 'in' | 'out';
}

/** Adds mentions to their conversations; a mention already there is skipped. One statement. */
export async function insertMentionMessages(db: Executor, seeds: readonly MessageSeed[]) {
  if (seeds.length === 0) return [];
  const r = await sql<{ conversation_id: string; mention_id: string; direction: 'in' | 'out' }>`
    insert into conversation_messages (conversation_id, mention_id, direction, send_status, created_at, sent_at)
    select t.conversation_id, t.mention_id, t.direction,
      case when t.direction = 'out' then 'elsewhere' end, m.published_at,
      case when t.direction = 'out' then m.published_at end
    from unnest(${seeds.map((s) => s.conversationId)}::bigint[], ${seeds.map((s) => s.mentionId)}::bigint[],
                ${seeds.map((s) => s.direction)}::text[]) as t(conversation_id, mention_id, direction)
    join mentions m on m.id = t.mention_id
    on conflict (mention_id) where mention_id is not null do nothing
    returning conversation_id, mention_id, direction
  `.execute(db);
  return r.rows;
}

/** The new state of a conversation after a batch (computed in conversation-open.service). */
export interface ConversationPatch {
  id: string;
  status: ConversationStatus;
  lastInboundAt: Date;
  firstResponseAt: Date | null;
  reopened: boolean;
  /** The state the patch was computed from. */
  previous: ConversationState;
}

export async function applyPatches(db: Executor, patches: readonly ConversationPatch[]) {
  if (patches.length === 0) return;
  await sql`
    update conversations c set
      status = t.status,
      last_inbound_at = t.last_inbound_at,
      first_response_at = t.first_response_at,
      reopened_count = c.reopened_count + case when t.reopened then 1 else 0 end,
      resolved_at = case when t.reopened then null else c.resolved_at end,
      needs_schedule = c.needs_schedule or t.reopened,
      updated_at = now()
    from unnest(${patches.map((p) => p.id)}::bigint[], ${patches.map((p) => p.status)}::text[],
      ${patches.map((p) => p.lastInboundAt.toISOString())}::timestamptz[],
      ${patches.map((p) => p.firstResponseAt?.toISOString() ?? null)}::timestamptz[],
      ${patches.map((p) => p.reopened)}::boolean[]) as t(id, status, last_inbound_at, first_response_at, reopened)
    where c.id = t.id
  `.execute(db);
}

export async function insertEvents(
  db: Executor,
  events: readonly {
    conversationId: string;
    kind: string;
    detail: Record<string, unknown>;
    actor?: string | null;
  }[],
) {
  if (events.length === 0) return;
  await sql`
    insert into conversation_events (conversation_id, kind, detail, actor)
    select * from unnest(${events.map((e) => e.conversationId)}::bigint[], ${events.map((e) => e.kind)}::text[],
      ${events.map((e) => JSON.stringify(e.detail))}::jsonb[], ${events.map((e) => e.actor ?? null)}::text[])
  `.execute(db);
}
