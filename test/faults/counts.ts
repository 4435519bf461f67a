import { sql } from 'kysely';
import type { Db } from '../../core/db/database.js';

export interface Counts {
  mentions: number;
  distinctMentions: number;
  analyses: number;
}

/** What fault tests assert: every mention stored once, and analysed once. */
export async function counts(db: Db): Promise<Counts> {
  const r = await sql<{ mentions: number; distinct_mentions: number; analyses: number }>`
    select (select count(*)::int from mentions) as mentions,
      (select count(distinct (platform, external_id))::int from mentions) as distinct_mentions,
      (select count(*)::int from mention_analyses) as analyses`.execute(db);
  const row = r.rows[0]!;
  return {
    mentions: row.mentions,
    distinctMentions: row.distinct_mentions,
    analyses: row.analyses,
  };
}
