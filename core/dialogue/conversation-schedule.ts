import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { assignConversations } from './assignment.js';
import type { DialogueSettings } from './dialogue-settings.js';
import type { Priority } from './dialogue.tables.js';
import { insertEvents } from './conversation-open.repository.js';
import { scheduleTargets } from './response-targets.js';

interface DueRow {
  id: string;
  priority: Priority;
  opened_at: Date;
  last_inbound_at: Date;
  first_response_at: Date | null;
  reopened_count: number;
}

/**
 * Due and warn times for the conversations flagged `needs_schedule` among `ids`: both targets from
 * the opening, or after a reopening only the resolution target, from the person's new message.
 * Business-hours arithmetic runs in TypeScript (time zones, holidays); the write is one statement.
 */
export async function scheduleDue(
  db: Executor,
  settings: DialogueSettings,
  ids: readonly string[],
) {
  if (ids.length === 0) return 0;
  const rows = await db
    .selectFrom('conversations')
    .select([
      'id',
      'priority',
      'opened_at',
      'last_inbound_at',
      'first_response_at',
      'reopened_count',
    ])
    .where('id', 'in', [...ids])
    .where('needs_schedule', '=', true)
    .execute();
  if (rows.length === 0) return 0;
  const plans = rows.map((r: DueRow) => {
    const reopened = r.reopened_count > 0 && r.first_response_at !== null;
    const s = scheduleTargets(
      reopened ? r.last_inbound_at : r.opened_at,
      settings.targets[r.priority],
      settings.calendar,
      settings.atRiskRatio,
    );
    return { id: r.id, reopened, ...s };
  });
  const iso = (d: Date) => d.toISOString();
  await sql`
    update conversations c set
      first_response_due_at = case when t.reopened then c.first_response_due_at else t.fr_due end,
      first_response_warn_at = case when t.reopened then c.first_response_warn_at else t.fr_warn end,
      resolution_due_at = t.res_due, resolution_warn_at = t.res_warn, needs_schedule = false
    from unnest(${plans.map((p) => p.id)}::bigint[], ${plans.map((p) => p.reopened)}::boolean[],
      ${plans.map((p) => iso(p.firstResponseDue))}::timestamptz[], ${plans.map((p) => iso(p.firstResponseWarn))}::timestamptz[],
      ${plans.map((p) => iso(p.resolutionDue))}::timestamptz[], ${plans.map((p) => iso(p.resolutionWarn))}::timestamptz[])
      as t(id, reopened, fr_due, fr_warn, res_due, res_warn)
    where c.id = t.id
  `.execute(db);
  return plans.length;
}

/** Each available agent with the open and pending conversations they hold. */
export async function agentLoads(db: Executor) {
  const r = await sql<{ id: string; capacity: number; available: boolean; load: number }>`
    select a.id, a.capacity, a.available,
      (select count(*)::int from conversations c where c.assignee_id = a.id and c.status <> 'resolved') as load
    from agents a order by a.id
  `.execute(db);
  return r.rows;
}

/**
 * Gives the unassigned, unresolved conversations among `ids` an owner (most urgent first, then
 * oldest), by the configured mode; those for whom nobody has room stay unassigned.
 */
export async function autoAssign(db: Executor, settings: DialogueSettings, ids: readonly string[]) {
  if (ids.length === 0) return 0;
  const waiting = await sql<{ id: string }>`
    select id from conversations
    where id = any(${[...ids]}::bigint[]) and assignee_id is null and status <> 'resolved'
    order by array_position(array['urgent','high','normal','low'], priority), opened_at, id
  `.execute(db);
  if (waiting.rows.length === 0) return 0;
  const result = assignConversations(
    waiting.rows.map((r) => r.id),
    await agentLoads(db),
    settings.assignmentMode,
    settings.lastAssignedAgentId,
  );
  if (result.assigned.size === 0) return 0;
  // A manual assignment made since the read (it does not take the settings lock) is kept.
  const updated = await sql<{ id: string }>`
    update conversations c set assignee_id = t.agent_id, updated_at = now()
    from unnest(${[...result.assigned.keys()]}::bigint[], ${[...result.assigned.values()]}::bigint[]) as t(id, agent_id)
    where c.id = t.id and c.assignee_id is null
    returning c.id
  `.execute(db);
  const kept = new Set(updated.rows.map((r) => r.id));
  const pairs = [...result.assigned].filter(([id]) => kept.has(id));
  await db
    .updateTable('dialogue_settings')
    .set({ last_assigned_agent_id: result.lastAgentId })
    .where('id', '=', 1)
    .execute();
  await insertEvents(
    db,
    pairs.map(([conversationId, agentId]) => ({
      conversationId,
      kind: 'assigned',
      detail: { agentId, mode: settings.assignmentMode },
    })),
  );
  settings.lastAssignedAgentId = result.lastAgentId;
  return pairs.length;
}
