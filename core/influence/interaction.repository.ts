import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.js';
import type { InteractionKind } from './influence-settings.js';
import type { InteractionRow } from './interaction-graph.js';

/** The mentions an influence run looks at: one topic (or all) over [start, end). */
export interface InfluenceWindow {
  topicId: string | null;
  windowDays: number;
  start: Date;
  end: Date;
}

/** The window's mentions with an author; a named fragment so both queries read the same set. */
function windowMentions(w: InfluenceWindow): RawBuilder<unknown> {
  const topic = w.topicId
    ? sql`and exists (select 1 from mention_topics mt where mt.mention_id = m.id and mt.topic_id = ${w.topicId})`
    : sql``;
  return sql`
    select m.id, m.platform, m.author_id, m.text, m.parent_external_id, m.quoted_external_id,
      m.likes, m.reposts, m.replies, m.raw
    from mentions m
    where m.published_at >= ${w.start} and m.published_at < ${w.end}
      and m.author_id is not null ${topic}`;
}

// An @handle not preceded by a word character, "@", "/" or "." (so e-mail addresses and URLs do
// not count). Mastodon handles may carry their instance ("@user@host"); Bluesky handles are
// domains ("@name.bsky.social"). Trailing dots and dashes are punctuation, trimmed below.
const HANDLE_PATTERN =
  '(?:^|[^[:alnum:]_@/.])@([[:alnum:]_][[:alnum:]_.-]*(?:@[[:alnum:]-]+(?:\\.[[:alnum:]-]+)+)?)';

/**
 * Every author → author interaction of the window, counted per kind, in ONE query whose cost
 * grows with the window's mentions (every lookup is an index probe):
 * - reply: the author of a mention → the author of its parent (`parent_external_id`), the parent
 *   being any stored mention of the same platform, in the window or not;
 * - quote / repost: → the author of `quoted_external_id`; a repost carries no words of its own
 *   (its text is the quoted text, or starts "RT @"), a quote does;
 * - mention: → each distinct @handle of the text resolved to a known author of the same
 *   platform: the exact handle, else the only author whose handle has that local part (a local
 *   Mastodon mention "@karine_l" of "karine_l@mastodon.social"). A mention of the person one
 *   replies to or quotes is not counted again: Mastodon writes "@parent" into every reply; the
 *   @handles of a repost are the reposted author's words, not the reposter's, and are skipped.
 * Self-loops are returned; the graph builder decides what to do with them.
 */
export async function loadInteractions(
  db: Executor,
  w: InfluenceWindow,
): Promise<InteractionRow[]> {
  const { rows } = await sql<{
    source: string;
    target: string;
    kind: InteractionKind;
    count: number;
  }>`
    with win as materialized (${windowMentions(w)}),
    parents as (
      select w.id, w.author_id as source, p.author_id as target
      from win w join mentions p on p.platform = w.platform and p.external_id = w.parent_external_id
      where w.parent_external_id is not null and p.author_id is not null
    ),
    quoted as (
      select w.id, w.author_id as source, q.author_id as target,
        case when q.text = w.text or w.text ~* '^\\s*RT @' then 'repost' else 'quote' end as kind
      from win w join mentions q on q.platform = w.platform and q.external_id = w.quoted_external_id
      where w.quoted_external_id is not null and q.author_id is not null
    ),
    tokens as (
      select distinct w.id, w.author_id as source, w.platform, rtrim(lower(t[1]), '.-') as handle
      from win w cross join lateral regexp_matches(w.text, ${HANDLE_PATTERN}, 'g') as t
      where strpos(w.text, '@') > 0
        and not exists (select 1 from quoted q where q.id = w.id and q.kind = 'repost')
    ),
    exact as (
      select tk.id, tk.source, tk.handle, a.id as target
      from tokens tk join authors a on a.platform = tk.platform and lower(a.handle) = tk.handle
    ),
    loose as (
      select tk.id, tk.source, min(a.id) as target
      from tokens tk join authors a on a.platform = tk.platform
        and split_part(lower(a.handle), '@', 1) = split_part(tk.handle, '@', 1)
        and (strpos(tk.handle, '@') = 0 or strpos(a.handle, '@') = 0)
      where not exists (select 1 from exact e where e.id = tk.id and e.handle = tk.handle)
      group by tk.id, tk.source, tk.handle
      having count(*) = 1
    ),
    mentioned as (
      select id, source, target from exact
      union
      select id, source, target from loose
    ),
    interactions as (
      select source, target, 'reply' as kind from parents
      union all
      select source, target, kind from quoted
      union all
      select m.source, m.target, 'mention' from mentioned m
      where not exists (select 1 from parents p where p.id = m.id and p.target = m.target)
        and not exists (select 1 from quoted q where q.id = m.id and q.target = m.target)
    )
    select source::text, target::text, kind, count(*)::int as count
    from interactions group by source, target, kind`.execute(db);
  return rows;
}

/** What an author did in the window, from their own mentions and their analyses. */
export interface AuthorActivity {
  authorId: string;
  volume: number;
  /** Likes + reposts + replies their mentions received (as the platform counted them). */
  interactions: number;
  analysed: number;
  negative: number;
  positive: number;
  distinctTexts: number;
  declaredBot: boolean;
  lang: string | null;
}

export async function loadActivity(db: Executor, w: InfluenceWindow): Promise<AuthorActivity[]> {
  const { rows } = await sql<AuthorActivity>`
    with win as (${windowMentions(w)})
    select m.author_id::text as "authorId",
      count(*)::int as volume,
      coalesce(sum(coalesce(m.likes, 0) + coalesce(m.reposts, 0) + coalesce(m.replies, 0)), 0)::float8
        as interactions,
      count(a.mention_id)::int as analysed,
      count(*) filter (where a.sentiment = 'negative' or a.dissatisfied)::int as negative,
      count(*) filter (where a.sentiment = 'positive' and not a.dissatisfied)::int as positive,
      count(distinct md5(m.text))::int as "distinctTexts",
      -- Mastodon accounts declare themselves automated with account.bot.
      bool_or(coalesce(m.raw #>> '{account,bot}', 'false') = 'true') as "declaredBot",
      mode() within group (order by a.lang) filter (where a.lang <> 'unknown') as lang
    from win m left join mention_analyses a on a.mention_id = m.id
    group by m.author_id`.execute(db);
  return rows;
}

export interface AuthorInfo {
  id: string;
  platform: string;
  handle: string;
  displayName: string | null;
  followers: number | null;
  profileUrl: string | null;
}

export async function loadAuthors(db: Executor, ids: readonly string[]): Promise<AuthorInfo[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<AuthorInfo>`
    select id::text, platform, handle, display_name as "displayName", followers,
      profile_url as "profileUrl"
    from authors where id = any(${ids}::bigint[])`.execute(db);
  return rows;
}
