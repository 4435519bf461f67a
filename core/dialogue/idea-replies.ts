import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { DomainError } from '../errors.js';
import {
  ideaRepliesTableSink,
  type PreparedReply,
  type ReplySink,
} from '../ideas/notify/prepared-replies.js';
import { insertEvents } from './conversation-open.repository.js';
import { openManually } from './conversation-actions.js';

/** Prepared replies taken per run; the rest wait for the next batch. */
const PICK_UP = 50;

/**
 * The inbox as the ideas module's reply sink: the status-change job stores the replies (one per
 * change and author, so a retry adds none) and hands those of its change to the inbox at once,
 * instead of waiting for the next analysed batch to pick them up.
 */
export const inboxReplySink: ReplySink = {
  async put(db, replies) {
    const stored = await ideaRepliesTableSink.put(db, replies);
    if (db.isTransaction) throw new Error('the inbox reply sink opens its own transactions');
    const changes = [...new Set(replies.map((r: PreparedReply) => r.statusHistoryId))];
    for (const statusHistoryId of changes) {
      // Every reply of the change, PICK_UP at a time.
      let seen = PICK_UP;
      while (seen === PICK_UP) seen = (await handOverBatch(db as Db, { statusHistoryId })).seen;
    }
    return stored;
  },
};

/**
 * Takes the replies the ideas module prepared for supporters of an idea whose status changed
 * (idea_replies, status 'prepared'): opens the conversation of each supporter's mention (reason
 * idea_status), adds the text as a draft an agent reviews and sends, and marks it handed over.
 */
export async function pickUpIdeaReplies(db: Db): Promise<number> {
  return (await handOverBatch(db, {})).seen;
}

/**
 * Hands up to PICK_UP prepared replies (any, or one status change's) to the inbox. Exactly once
 * per reply: the reply row is claimed ('prepared' → 'handed_over') in the transaction that adds
 * the draft, so a retried job or a concurrent pick-up finds nothing left to add.
 */
async function handOverBatch(
  db: Db,
  filter: { statusHistoryId?: string },
): Promise<{ seen: number; handed: number }> {
  let q = db
    .selectFrom('idea_replies')
    .select(['id', 'mention_id', 'text', 'idea_id'])
    .where('status', '=', 'prepared');
  if (filter.statusHistoryId) q = q.where('status_history_id', '=', filter.statusHistoryId);
  const prepared = await q.orderBy('id').limit(PICK_UP).execute();
  let handed = 0;
  for (const reply of prepared) {
    const conversationId = await conversationFor(db, reply);
    if (conversationId && (await addDraft(db, reply, conversationId))) handed += 1;
  }
  return { seen: prepared.length, handed };
}

type PreparedRow = { id: string; mention_id: string; text: string; idea_id: string };

/** The conversation of the supporter's thread; a mention erased since is discarded. */
async function conversationFor(db: Db, reply: PreparedRow): Promise<string | null> {
  try {
    return (await openManually(db, reply.mention_id, 'ideas')).id;
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'not_found') throw err;
    await db
      .updateTable('idea_replies')
      .set({ status: 'discarded' })
      .where('id', '=', reply.id)
      .where('status', '=', 'prepared')
      .execute();
    return null;
  }
}

async function addDraft(db: Db, reply: PreparedRow, conversationId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .updateTable('idea_replies')
      .set({ status: 'handed_over' })
      .where('id', '=', reply.id)
      .where('status', '=', 'prepared')
      .returning('id')
      .executeTakeFirst();
    if (!taken) return false;
    const target = await trx
      .selectFrom('mentions')
      .select('external_id')
      .where('id', '=', reply.mention_id)
      .executeTakeFirst();
    await trx
      .insertInto('conversation_messages')
      .values({
        conversation_id: conversationId,
        direction: 'out',
        text: reply.text,
        send_status: 'draft',
        in_reply_to_external_id: target?.external_id ?? null,
        idempotency_key: `ecoute-idea-reply-${reply.id}`,
      })
      .execute();
    await sql`update conversations set reasons = array(select distinct unnest(reasons || '{idea_status}'::text[]) order by 1) where id = ${conversationId}`.execute(
      trx,
    );
    await insertEvents(trx, [
      {
        conversationId,
        kind: 'idea_reply_prepared',
        detail: { ideaId: reply.idea_id, ideaReplyId: reply.id },
      },
    ]);
    return true;
  });
}
