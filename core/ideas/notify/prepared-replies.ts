import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { replyText } from './reply-text.js';
import type { StatusChange } from './status-change.js';

/** One reply to prepare: to this author, under this mention of theirs, in this language. */
export interface PreparedReply {
  ideaId: string;
  statusHistoryId: string;
  mentionId: string;
  authorId: string;
  platform: string;
  lang: string;
  text: string;
}

/**
 * Where prepared replies go. This one stores them in idea_replies (status 'prepared'), listed on
 * the idea page; the worker's status-change job uses the inbox-backed sink
 * (core/dialogue/idea-replies.ts), which stores the same records and hands them to the inbox as
 * drafts at once. The rest of the status-change job does not know which one it has.
 */
export interface ReplySink {
  put(db: Executor, replies: readonly PreparedReply[]): Promise<number>;
}

export const ideaRepliesTableSink: ReplySink = {
  async put(db, replies) {
    if (replies.length === 0) return 0;
    const col = <K extends keyof PreparedReply>(k: K) => replies.map((r) => r[k]);
    const r = await sql`
      insert into idea_replies (idea_id, status_history_id, mention_id, author_id, platform, lang, text)
      select * from unnest(${col('ideaId')}::bigint[], ${col('statusHistoryId')}::bigint[],
        ${col('mentionId')}::bigint[], ${col('authorId')}::bigint[], ${col('platform')}::text[],
        ${col('lang')}::text[], ${col('text')}::text[])
      on conflict (status_history_id, author_id) do nothing
    `.execute(db);
    return Number(r.numAffectedRows ?? 0);
  },
};

/**
 * One reply per public supporting author of the idea's family, under their latest mention about
 * it. Idempotent per change (unique per change and author), so a retried job adds nothing.
 */
export async function prepareReplies(
  db: Executor,
  change: StatusChange,
  sink: ReplySink = ideaRepliesTableSink,
): Promise<number> {
  const r = await sql<{
    mention_id: string;
    author_id: string;
    platform: string;
    lang: string | null;
    handle: string;
  }>`
    select distinct on (m.author_id) m.id as mention_id, m.author_id, m.platform, an.lang, a.handle
    from idea_roots f
    join idea_mentions im on im.idea_id = f.id
    join mentions m on m.id = im.mention_id
    join authors a on a.id = m.author_id
    left join mention_analyses an on an.mention_id = m.id
    where f.root = ${change.ideaId}::bigint
    order by m.author_id, m.published_at desc, m.id desc
  `.execute(db);
  const replies = r.rows.map((row) => ({
    ideaId: change.ideaId,
    statusHistoryId: change.historyId,
    mentionId: row.mention_id,
    authorId: row.author_id,
    platform: row.platform,
    lang: row.lang === 'en' ? 'en' : 'fr',
    text: replyText(change, row.lang ?? 'fr', row.handle),
  }));
  return sink.put(db, replies);
}
