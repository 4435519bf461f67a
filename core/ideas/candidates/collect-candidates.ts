import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import { ideaTerms } from '../similarity/idea-terms.js';
import { groupMembers } from '../similarity/group.js';

/**
 * Pending candidates regrouped per run. Grouping is O(candidates × groups) in memory; reviewers
 * empty the queue, and past this many the newest wait, ungrouped, for the next run.
 */
export const MAX_GROUPED = 5_000;
/** Serialises regrouping across workers: two runs must not interleave their updates. */
const REGROUP_LOCK = 'ecoute.ideas.regroup';

export interface CollectOutcome {
  added: number;
  pending: number;
  groups: number;
}

/**
 * Adds the analysed mentions marked as ideas (not duplicates, not already linked to an idea) to
 * the review queue, then regroups every pending candidate by similarity. Idempotent: a mention is
 * a candidate once, and regrouping depends only on what is pending.
 */
export async function collectIdeaCandidates(
  db: Db,
  mentionIds: readonly string[],
): Promise<CollectOutcome> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${REGROUP_LOCK}))`.execute(trx);
    const added = await sql<{ mention_id: string }>`
      insert into idea_candidates (mention_id)
      select a.mention_id from mention_analyses a
      where a.mention_id = any(${[...mentionIds]}::bigint[]) and a.idea and a.duplicate_of is null
        and not exists (select 1 from idea_mentions im where im.mention_id = a.mention_id)
      on conflict (mention_id) do nothing
      returning mention_id
    `.execute(trx);
    if (added.rows.length === 0) return { added: 0, pending: 0, groups: 0 };
    const { pending, groups } = await regroupCandidates(trx);
    return { added: added.rows.length, pending, groups };
  });
}

interface PendingText {
  mention_id: string;
  text: string;
  title: string | null;
  lang: string | null;
}

/** Recomputes the similarity groups of the pending candidates, in one update. */
export async function regroupCandidates(
  db: Executor,
): Promise<{ pending: number; groups: number }> {
  const rows = await sql<PendingText>`
    select c.mention_id, m.text, m.title, a.lang
    from idea_candidates c
    join mentions m on m.id = c.mention_id
    left join mention_analyses a on a.mention_id = c.mention_id
    where c.state = 'pending'
    order by m.published_at, m.id
    limit ${MAX_GROUPED}
  `.execute(db);
  const items = rows.rows.map((r) => ({
    id: r.mention_id,
    terms: ideaTerms(
      `${r.title ?? ''} ${r.text}`,
      r.lang === 'fr' || r.lang === 'en' ? r.lang : null,
    ),
  }));
  const groups = groupMembers(items);
  const ids: string[] = [];
  const keys: string[] = [];
  const scores: number[] = [];
  for (const g of groups) {
    // The group is named after its smallest mention id, so the key is stable across runs.
    const key = g.map((m) => m.id).reduce((a, b) => (BigInt(a) < BigInt(b) ? a : b));
    for (const m of g) {
      ids.push(m.id);
      keys.push(key);
      scores.push(Math.round(m.score * 1000) / 1000);
    }
  }
  if (ids.length > 0) {
    await sql`
      update idea_candidates c set group_key = u.g, similarity = u.s
      from unnest(${ids}::bigint[], ${keys}::bigint[], ${scores}::real[]) as u(m, g, s)
      where c.mention_id = u.m
    `.execute(db);
  }
  return { pending: ids.length, groups: groups.length };
}
