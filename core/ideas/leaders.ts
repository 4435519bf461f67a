import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.js';
import { DomainError, notFound } from '../errors.js';
import type { Actor } from './actor.js';
import { lockLiveIdea } from './idea.service.js';

/**
 * Opinion leaders associated with an idea, to involve them: authors, joined by author id with
 * their latest influence score (the all-topics run of the influence module first).
 */
export interface LeaderDto {
  authorId: string;
  handle: string;
  displayName: string | null;
  platform: string;
  followers: number | null;
  profileUrl: string | null;
  influence: { score: number; rank: number } | null;
  /** Whether this author asked for the idea in public. */
  supporter: boolean;
  note: string;
  addedBy: string | null;
}

export async function addLeader(
  db: Db,
  ideaId: string,
  input: { authorId: string; note: string },
  actor: Actor,
): Promise<LeaderDto[]> {
  await db.transaction().execute(async (trx) => {
    await lockLiveIdea(trx, ideaId);
    const author = await trx
      .selectFrom('authors')
      .select('id')
      .where('id', '=', input.authorId)
      .executeTakeFirst();
    if (!author) {
      throw new DomainError(
        'validation_failed',
        `authorId: author ${input.authorId} does not exist`,
        [{ field: 'authorId', reason: 'not found' }],
      );
    }
    await sql`
      insert into idea_leaders (idea_id, author_id, note, added_by)
      values (${ideaId}::bigint, ${input.authorId}::bigint, ${input.note}, ${actor.keyId}::bigint)
      on conflict (idea_id, author_id) do update set note = excluded.note
    `.execute(trx);
  });
  return listLeaders(db, ideaId);
}

export async function removeLeader(db: Db, ideaId: string, authorId: string): Promise<void> {
  const r = await db
    .deleteFrom('idea_leaders')
    .where('idea_id', '=', ideaId)
    .where('author_id', '=', authorId)
    .executeTakeFirst();
  if (r.numDeletedRows === 0n) throw notFound(`opinion leader of idea ${ideaId}`, authorId);
}

interface LeaderRow {
  author_id: string;
  handle: string;
  display_name: string | null;
  platform: string;
  followers: number | null;
  profile_url: string | null;
  score: number | null;
  rank: number | null;
  supporter: boolean;
  note: string;
  added_by: string | null;
}

const INFLUENCE = sql`
  left join lateral (
    select s.score, s.rank from influence_scores s join influence_runs r on r.id = s.run_id
    where s.author_id = a.id order by r.topic_key = 0 desc, r.computed_at desc limit 1) inf on true`;

const SUPPORTER = (ideaId: string) => sql`exists (
    select 1 from idea_roots f join idea_mentions im on im.idea_id = f.id
    join mentions m on m.id = im.mention_id where f.root = ${ideaId}::bigint and m.author_id = a.id)`;

export async function listLeaders(db: Executor, ideaId: string): Promise<LeaderDto[]> {
  const r = await sql<LeaderRow>`
    select a.id as author_id, a.handle, a.display_name, a.platform, a.followers, a.profile_url,
      inf.score, inf.rank, ${SUPPORTER(ideaId)} as supporter, l.note, k.name as added_by
    from idea_leaders l join authors a on a.id = l.author_id
    left join api_keys k on k.id = l.added_by
    ${INFLUENCE}
    where l.idea_id = ${ideaId}::bigint
    order by inf.score desc nulls last, a.id
  `.execute(db);
  return r.rows.map(toLeader);
}

/** Supporters ranked by influence: the opinion leaders already asking for the idea. */
export async function suggestedLeaders(
  db: Executor,
  ideaId: string,
  limit = 5,
): Promise<LeaderDto[]> {
  const r = await sql<LeaderRow>`
    with sup as (
      select distinct m.author_id from idea_roots f join idea_mentions im on im.idea_id = f.id
      join mentions m on m.id = im.mention_id where f.root = ${ideaId}::bigint)
    select a.id as author_id, a.handle, a.display_name, a.platform, a.followers, a.profile_url,
      inf.score, inf.rank, true as supporter, '' as note, null as added_by
    from sup join authors a on a.id = sup.author_id ${INFLUENCE}
    where not exists (select 1 from idea_leaders l where l.idea_id = ${ideaId}::bigint and l.author_id = a.id)
    order by inf.score desc nulls last, a.followers desc nulls last, a.id
    limit ${limit}
  `.execute(db);
  return r.rows.map(toLeader);
}

function toLeader(r: LeaderRow): LeaderDto {
  return {
    authorId: r.author_id,
    handle: r.handle,
    displayName: r.display_name,
    platform: r.platform,
    followers: r.followers,
    profileUrl: r.profile_url,
    influence: r.score === null || r.rank === null ? null : { score: r.score, rank: r.rank },
    supporter: r.supporter,
    note: r.note,
    addedBy: r.added_by,
  };
}
