import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { insertEvents } from './conversation-open.repository.js';
import { openManually } from './conversation-actions.js';

/** Prepared replies taken per run; the rest wait for the next batch. */
const PICK_UP = 50;

/**
 * Takes the replies the ideas module prepared for supporters of an idea whose status changed
 * (idea_replies, status 'prepared'): opens the conversation of each supporter's mention (reason
 * idea_status), adds the text as a draft an agent reviews and sends, and marks it handed over.
 */
export async function pickUpIdeaReplies(db: Db): Promise<number> {
  const prepared = await db
    .selectFrom('idea_replies')
    .select(['id', 'mention_id', 'text', 'idea_id'])
    .where('status', '=', 'prepared')
    .orderBy('id')
    .limit(PICK_UP)
    .execute();
  for (const reply of prepared) {
    const { id } = await openManually(db, reply.mention_id, 'ideas');
    await db.transaction().execute(async (trx) => {
      const taken = await trx
        .updateTable('idea_replies')
        .set({ status: 'handed_over' })
        .where('id', '=', reply.id)
        .where('status', '=', 'prepared')
        .returning('id')
        .executeTakeFirst();
      if (!taken) return;
      const target = await trx
        .selectFrom('mentions')
        .select('external_id')
        .where('id', '=', reply.mention_id)
        .executeTakeFirst();
      await trx
        .insertInto('conversation_messages')
        .values({
          conversation_id: id,
          direction: 'out',
          text: reply.text,
          send_status: 'draft',
          in_reply_to_external_id: target?.external_id ?? null,
          idempotency_key: `ecoute-idea-reply-${reply.id}`,
        })
        .execute();
      await sql`update conversations set reasons = array(select distinct unnest(reasons || '{idea_status}'::text[]) order by 1) where id = ${id}`.execute(
        trx,
      );
      await insertEvents(trx, [
        {
          conversationId: id,
          kind: 'idea_reply_prepared',
          detail: { ideaId: reply.idea_id, ideaReplyId: reply.id },
        },
      ]);
    });
  }
  return prepared.length;
}
