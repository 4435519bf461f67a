import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { agentLoads, autoAssign } from './conversation-schedule.js';
import { loadSettings } from './dialogue-settings.js';

/**
 * Conversations looked at per drain, most urgent and oldest first: more than any team's free
 * capacity at once, and one query on conversations_assignee_idx.
 */
const DRAIN_LIMIT = 500;

/**
 * Gives the unassigned backlog owners when capacity frees up (a conversation resolved or handed
 * to someone else, an agent added, made available or given more room) and after every batch the
 * inbox takes in. The settings row is locked as in processBatch, so drains and batches take turns
 * and a conversation is never dealt twice; running it again with no new room assigns nothing.
 */
export async function drainBacklog(
  db: Db,
  opts: { exclude?: readonly string[] } = {},
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select 1 from dialogue_settings where id = 1 for update`.execute(trx);
    // Nobody with room (the usual case after a batch once the team is full): nothing to sort.
    const room = (await agentLoads(trx)).reduce(
      (n, a) => n + (a.available ? Math.max(0, a.capacity - a.load) : 0),
      0,
    );
    if (room === 0) return 0;
    const waiting = await sql<{ id: string }>`
      select id from conversations
      where assignee_id is null and status <> 'resolved'
        and not (id = any(${[...(opts.exclude ?? [])]}::bigint[]))
      order by array_position(array['urgent','high','normal','low'], priority), opened_at, id
      limit ${Math.min(DRAIN_LIMIT, room)}
    `.execute(trx);
    if (waiting.rows.length === 0) return 0;
    return autoAssign(
      trx,
      await loadSettings(trx),
      waiting.rows.map((r) => r.id),
    );
  });
}
