import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { notFound } from '../errors.js';
import { STATE_SQL, toInboxItem, type InboxRow } from './conversation.query.js';
import { replySenderFor } from './reply-senders.js';
import { targetState } from './response-targets.js';

interface MessageRow {
  id: string;
  direction: 'in' | 'out';
  mention_id: string | null;
  text: string | null;
  send_status: string | null;
  platform_external_id: string | null;
  platform_url: string | null;
  last_error: string | null;
  attempts: number;
  agent_name: string | null;
  at: Date;
  external_id: string | null;
  parent_external_id: string | null;
  url: string | null;
  author_handle: string | null;
  sentiment: string | null;
  signals: Record<string, number> | null;
  evidence: unknown[] | null;
  dissatisfied: boolean | null;
}

/** The whole conversation: thread, notes, history, the account behind it and the reply limits. */
export async function conversationDetail(db: Executor, id: string) {
  const head = await sql<
    InboxRow & {
      first_response_warn_at: Date | null;
      resolution_warn_at: Date | null;
      resolved_at: Date | null;
      reopened_count: number;
    }
  >`
    select c.*, ${STATE_SQL} as state, ag.name as assignee_name, au.handle as author_handle,
      cu.name as customer_name, cu.tier as customer_tier, 0 as messages, null as preview
    from conversations c left join agents ag on ag.id = c.assignee_id
    left join authors au on au.id = c.author_id left join customers cu on cu.id = c.customer_id
    where c.id = ${id}
  `.execute(db);
  const c = head.rows[0];
  if (!c) throw notFound('conversation', id);
  const [messages, notes, events, customer, canSend] = await Promise.all([
    threadMessages(db, id),
    db
      .selectFrom('conversation_notes')
      .selectAll()
      .where('conversation_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('conversation_events')
      .selectAll()
      .where('conversation_id', '=', id)
      .orderBy('id')
      .execute(),
    c.customer_id ? customerContext(db, c.customer_id) : Promise.resolve(null),
    hasCredentials(db, id),
  ]);
  const now = new Date();
  const sender = replySenderFor(c.platform);
  return {
    ...toInboxItem({ ...c, messages: messages.length }),
    resolvedAt: c.resolved_at?.toISOString() ?? null,
    reopenedCount: c.reopened_count,
    targets: {
      firstResponse: targetState(
        c.first_response_due_at,
        c.first_response_warn_at,
        c.first_response_at,
        now,
      ),
      resolution: targetState(c.resolution_due_at, c.resolution_warn_at, c.resolved_at, now),
    },
    reply: {
      platform: c.platform,
      canSend: Boolean(sender) && canSend,
      maxLength: sender?.maxLength ?? null,
      unit: c.platform === 'bluesky' ? 'graphemes' : 'characters',
    },
    customer,
    messages,
    notes: notes.map((n) => ({
      id: n.id,
      author: n.author,
      text: n.text,
      createdAt: n.created_at.toISOString(),
    })),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      detail: e.detail,
      actor: e.actor,
      at: e.at.toISOString(),
    })),
  };
}

async function threadMessages(db: Executor, id: string) {
  const r = await sql<MessageRow>`
    select cm.id, cm.direction, cm.mention_id, coalesce(cm.text, m.text) as text, cm.send_status,
      coalesce(cm.platform_external_id, m.external_id) as platform_external_id, coalesce(cm.platform_url, m.url) as platform_url,
      cm.last_error, cm.attempts, ag.name as agent_name, coalesce(m.published_at, cm.sent_at, cm.created_at) as at,
      m.external_id, m.parent_external_id, m.url, au.handle as author_handle,
      a.sentiment, a.signals, a.evidence, a.dissatisfied
    from conversation_messages cm
    left join mentions m on m.id = cm.mention_id
    left join authors au on au.id = m.author_id
    left join mention_analyses a on a.mention_id = m.id
    left join agents ag on ag.id = cm.agent_id
    where cm.conversation_id = ${id}
    order by coalesce(m.published_at, cm.created_at), cm.id
  `.execute(db);
  return r.rows.map((m) => ({
    id: m.id,
    direction: m.direction,
    mentionId: m.mention_id,
    text: m.text,
    sendStatus: m.send_status,
    platformId: m.platform_external_id,
    url: m.platform_url,
    lastError: m.last_error,
    attempts: m.attempts,
    agent: m.agent_name,
    author: m.author_handle,
    at: m.at.toISOString(),
    parentExternalId: m.parent_external_id,
    analysis: m.signals
      ? {
          sentiment: m.sentiment,
          dissatisfied: m.dissatisfied,
          signals: m.signals,
          evidence: m.evidence ?? [],
        }
      : null,
  }));
}

async function customerContext(db: Executor, customerId: string) {
  const c = await db
    .selectFrom('customers')
    .select([
      'id',
      'name',
      'tier',
      'plan',
      'region',
      'owner',
      'value',
      'risk_score',
      'risk_trend',
      'risk_breakdown',
    ])
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!c) return null;
  return {
    id: c.id,
    name: c.name,
    tier: c.tier,
    plan: c.plan,
    region: c.region,
    owner: c.owner,
    value: c.value === null ? null : Number(c.value),
    riskScore: c.risk_score,
    riskTrend: c.risk_trend,
    riskBreakdown: c.risk_breakdown,
  };
}

async function hasCredentials(db: Executor, id: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`
    select exists (
      select 1 from conversation_messages cm join mentions m on m.id = cm.mention_id
      join sources s on s.id = m.source_id
      where cm.conversation_id = ${id} and cm.direction = 'in' and s.secret_sealed is not null
    ) as ok
  `.execute(db);
  return r.rows[0]?.ok ?? false;
}
