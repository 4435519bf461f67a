import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/** One mention of a batch as the inbox rules see it (one row per mention, one query per batch). */
export interface MentionFeature {
  mentionId: string;
  platform: string;
  externalId: string;
  /** The conversation key: the thread root, or the conversation the parent already belongs to. */
  root: string;
  authorId: string | null;
  publishedAt: Date;
  /** Written by one of the brand's own accounts. */
  fromBrand: boolean;
  /** A reply Écoute itself sent, read back by a poller. */
  ours: boolean;
  dissatisfied: boolean;
  signals: Record<string, number>;
  /** A question naming a brand account, or replying to one of its posts. */
  brandQuestion: boolean;
  customerId: string | null;
  customerTier: string | null;
  customerValue: number | null;
}

interface Row {
  mention_id: string;
  platform: string;
  external_id: string;
  root: string;
  author_id: string | null;
  published_at: Date;
  from_brand: boolean;
  ours: boolean;
  dissatisfied: boolean | null;
  signals: Record<string, number> | null;
  brand_question: boolean;
  customer_id: string | null;
  customer_tier: string | null;
  customer_value: string | null;
}

/** Parent chains longer than this are cut: a thread root is never that deep in practice. */
const MAX_DEPTH = 100;

/**
 * Features of a batch of mentions in one statement. The thread root comes from the platform when
 * it gives one (Reddit link_id, Bluesky reply.root, HN story_id); Mastodon only gives the parent,
 * so the chain is walked up through stored mentions (recursive CTE) to the topmost known id. A
 * parent that already sits in a conversation wins, so a late-arriving ancestor never splits it.
 */
export async function mentionFeatures(
  db: Executor,
  mentionIds: readonly string[],
): Promise<MentionFeature[]> {
  if (mentionIds.length === 0) return [];
  const r = await sql<Row>`
    with recursive batch as (
      select m.id, m.platform, m.external_id, m.parent_external_id, m.thread_external_id,
             m.author_id, m.published_at, m.text
      from mentions m where m.id = any(${[...mentionIds]}::bigint[])
    ),
    walk as (
      select b.id as mention_id, b.platform, b.external_id as cur, b.parent_external_id as up,
             b.thread_external_id as thread, 0 as depth
      from batch b
      union all
      select w.mention_id, w.platform, p.external_id, p.parent_external_id, p.thread_external_id, w.depth + 1
      from walk w join mentions p on p.platform = w.platform and p.external_id = w.up
      where w.thread is null and w.depth < ${MAX_DEPTH}
    ),
    roots as (
      select distinct on (mention_id) mention_id, coalesce(thread, up, cur) as root
      from walk order by mention_id, depth desc
    )
    select b.id as mention_id, b.platform, b.external_id,
      coalesce(pc.thread_external_id, r.root) as root,
      b.author_id, b.published_at,
      (ba.handle is not null) as from_brand,
      (ours.one is not null) as ours,
      a.dissatisfied, a.signals,
      (b.text ~ '[?¿]' and (
        exists (
          select 1 from brand_accounts x where x.platform = b.platform and (
            position('@' || split_part(x.handle, '@', 1) in lower(b.text)) > 0
            or position('u/' || x.handle in lower(b.text)) > 0))
        or (
          select 1 from mentions p join authors pa on pa.id = p.author_id
            join brand_accounts x on x.platform = pa.platform and x.handle = lower(pa.handle)
          where p.platform = b.platform and p.external_id = b.parent_external_id
          limit 1) is not null
      )) as brand_question,
      cust.customer_id, cust.tier as customer_tier, cust.value as customer_value
    from batch b
    join roots r on r.mention_id = b.id
    left join mention_analyses a on a.mention_id = b.id
    left join authors au on au.id = b.author_id
    left join brand_accounts ba on ba.platform = b.platform and ba.handle = lower(au.handle)
    -- Per-mention probes (LIMIT 1 keeps them correlated): as EXISTS, the planner hashes the whole
    -- of conversation_messages ⋈ conversations (or mentions ⋈ authors) once per batch, a scan
    -- that grows with the inbox — 29,100 rows per 500-mention batch after 50,000 mentions.
    left join lateral (
      select 1 as one from conversation_messages o join conversations oc on oc.id = o.conversation_id
      where o.platform_external_id = b.external_id and oc.platform = b.platform
      limit 1
    ) ours on true
    left join lateral (
      select c.platform, c.thread_external_id
      from mentions p
      join conversation_messages cm on cm.mention_id = p.id
      join conversations c on c.id = cm.conversation_id
      where p.platform = b.platform and p.external_id = b.parent_external_id
      limit 1
    ) pc on true
    left join lateral (
      select c.id as customer_id, c.tier, c.value
      from customer_identities ci join customers c on c.id = ci.customer_id
      where ci.author_id = b.author_id and ci.status = 'confirmed'
      order by c.value desc nulls last, c.id limit 1
    ) cust on true
    order by b.published_at, b.id
  `.execute(db);
  return r.rows.map(toFeature);
}

function toFeature(row: Row): MentionFeature {
  return {
    mentionId: row.mention_id,
    platform: row.platform,
    externalId: row.external_id,
    root: row.root,
    authorId: row.author_id,
    publishedAt: row.published_at,
    fromBrand: row.from_brand,
    ours: row.ours,
    dissatisfied: row.dissatisfied ?? false,
    signals: row.signals ?? {},
    brandQuestion: row.brand_question,
    customerId: row.customer_id,
    customerTier: row.customer_tier,
    customerValue: row.customer_value === null ? null : Number(row.customer_value),
  };
}

/**
 * Stored mentions of these threads (the root, everything naming it as thread, and replies to
 * replies found by walking parent links down), for a conversation that was just opened.
 *
 * The root and the thread members are two separate seeds, each an index lookup: written as one
 * `external_id = root or thread_external_id = root` join, the planner can only use the platform
 * prefix of the unique index and reads every mention of the platform per thread (4.9 s for 250
 * threads among 100,000 mentions). Walking down uses mentions_parent_idx (sql/0017).
 */
export async function threadMemberIds(
  db: Executor,
  keys: readonly { platform: string; root: string }[],
): Promise<string[]> {
  if (keys.length === 0) return [];
  const r = await sql<{ id: string }>`
    with recursive k(platform, root) as (
      select * from unnest(${keys.map((k) => k.platform)}::text[], ${keys.map((k) => k.root)}::text[])
    ),
    down as (
      select m.id, m.platform, m.external_id, 0 as depth
      from k join mentions m on m.platform = k.platform and m.external_id = k.root
      union
      select m.id, m.platform, m.external_id, 0 as depth
      from k join mentions m on m.platform = k.platform and m.thread_external_id = k.root
      union
      select c.id, c.platform, c.external_id, d.depth + 1
      from down d join mentions c on c.platform = d.platform and c.parent_external_id = d.external_id
      -- Spelt out so the planner proves the partial index's predicate: without it, it sorts the
      -- whole table for a merge join (95 ms per 1,000 threads at 100,000 mentions).
      where d.depth < ${MAX_DEPTH} and c.parent_external_id is not null
    )
    select distinct id from down
  `.execute(db);
  return r.rows.map((x) => x.id);
}
