import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { invalid, notFound } from '../errors.js';
import { drainBacklog } from './assignment-backlog.js';
import { insertEvents, upsertConversations } from './conversation-open.repository.js';
import { processBatch } from './conversation-open.service.js';
import { scheduleDue } from './conversation-schedule.js';
import { loadSettings } from './dialogue-settings.js';
import { mentionFeatures, threadMemberIds } from './thread-features.query.js';

export const openSchema = z.object({ mentionId: z.string().regex(/^\d+$/) }).strict();
export const statusSchema = z.object({ status: z.enum(['open', 'pending', 'resolved']) }).strict();
export const assignSchema = z.object({ agentId: z.string().regex(/^\d+$/).nullable() }).strict();
export const prioritySchema = z
  .object({ priority: z.enum(['urgent', 'high', 'normal', 'low']) })
  .strict();
export const noteSchema = z.object({ text: z.string().trim().min(1).max(5_000) }).strict();

/** Opens (or finds) the conversation of a mention's thread by hand, with the whole stored thread. */
export async function openManually(db: Db, mentionId: string, actor: string) {
  const [feature] = await mentionFeatures(db, [mentionId]);
  if (!feature) throw notFound('mention', mentionId);
  const [row] = await upsertConversations(db, [
    {
      platform: feature.platform,
      root: feature.root,
      authorId: feature.authorId,
      customerId: feature.customerId,
      reasons: ['manual'],
      priority: 'normal',
      openedAt: new Date(),
    },
  ]);
  if (!row) throw new Error('conversation upsert returned nothing');
  if (row.inserted) {
    await db
      .updateTable('conversations')
      .set({ opened_by: 'manual' })
      .where('id', '=', row.id)
      .execute();
    await insertEvents(db, [
      { conversationId: row.id, kind: 'opened', detail: { by: 'manual', mentionId }, actor },
    ]);
  }
  const members = await threadMemberIds(db, [{ platform: feature.platform, root: feature.root }]);
  await processBatch(db, [...new Set([mentionId, ...members])]);
  return { id: row.id, created: row.inserted };
}

async function current(db: Db, id: string) {
  const c = await db
    .selectFrom('conversations')
    .select(['id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!c) throw notFound('conversation', id);
  return c;
}

/** Open, pending (waiting on the customer) or resolved; resolving a resolved one changes nothing. */
export async function setStatus(
  db: Db,
  id: string,
  status: 'open' | 'pending' | 'resolved',
  actor: string,
) {
  const c = await current(db, id);
  if (c.status === status) return;
  const reopen = c.status === 'resolved';
  await sql`
    update conversations set status = ${status}, updated_at = now(),
      resolved_at = ${status === 'resolved' ? sql`now()` : sql`null`},
      reopened_count = reopened_count + ${reopen ? 1 : 0},
      needs_schedule = needs_schedule or ${reopen}
    where id = ${id}
  `.execute(db);
  await insertEvents(db, [
    { conversationId: id, kind: reopen ? 'reopened' : status, detail: { from: c.status }, actor },
  ]);
  if (reopen) await scheduleDue(db, await loadSettings(db), [id]);
  // A resolved conversation leaves its owner's load: the backlog may have someone now.
  if (status === 'resolved') await drainBacklog(db);
}

export async function assign(db: Db, id: string, agentId: string | null, actor: string) {
  await current(db, id);
  if (agentId) {
    const agent = await db
      .selectFrom('agents')
      .select('id')
      .where('id', '=', agentId)
      .executeTakeFirst();
    if (!agent) throw invalid('agentId', `agent ${agentId} does not exist`);
  }
  await db
    .updateTable('conversations')
    .set({ assignee_id: agentId, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
  await insertEvents(db, [
    { conversationId: id, kind: 'assigned', detail: { agentId, manual: true }, actor },
  ]);
  // The previous owner has room again. A conversation put back by hand waits for the next drain,
  // so it is not dealt straight back to the person who just let it go.
  await drainBacklog(db, { exclude: agentId ? [] : [id] });
}

/** A new priority moves the targets: due times are recomputed from the opening. */
export async function setPriority(
  db: Db,
  id: string,
  priority: 'urgent' | 'high' | 'normal' | 'low',
  actor: string,
) {
  await current(db, id);
  await db
    .updateTable('conversations')
    .set({ priority, needs_schedule: true, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
  await insertEvents(db, [{ conversationId: id, kind: 'priority', detail: { priority }, actor }]);
  await scheduleDue(db, await loadSettings(db), [id]);
}

export async function addNote(db: Db, id: string, text: string, author: string) {
  await current(db, id);
  const n = await db
    .insertInto('conversation_notes')
    .values({ conversation_id: id, author, text })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: n.id, author, text, createdAt: n.created_at.toISOString() };
}
