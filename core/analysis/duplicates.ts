import { sql } from 'kysely';
import type { Trx } from '../db/database.js';
import type { Fingerprint } from './task.js';

/** How far back a duplicate's canonical mention is looked for. */
export const DUPLICATE_WINDOW_DAYS = 30;
/** Bits two SimHashes may differ by and still be near-duplicates. */
const MAX_DISTANCE = 3;
/**
 * Band-mates examined per band and mention, newest first. Templated text (a spam wave, a bot)
 * shares bands without being within 3 bits; this bound keeps each lookup to a few index pages
 * instead of a scan of every band-mate, at the cost of missing a copy older than the 32 newest.
 */
const BAND_CANDIDATES = 32;

/**
 * Stores the batch's fingerprints and returns, per mention, its canonical mention — the earliest
 * mention published before it (within the window) with the same permalink, else the same
 * normalised text, else a SimHash within 3 bits (found through the band indexes) — or null. Two statements per
 * batch, whatever its size. Two copies analysed at the same moment in concurrent batches may both
 * stay canonical: each transaction cannot see the other's fingerprints.
 */
export async function resolveDuplicates(
  trx: Trx,
  rows: { id: string; publishedAt: Date }[],
  fingerprints: Fingerprint[],
): Promise<(string | null)[]> {
  const ids = rows.map((r) => r.id);
  await sql`
    insert into mention_fingerprints (mention_id, published_at, canonical_url, text_key, simhash)
    select * from unnest(${ids}::bigint[], ${rows.map((r) => r.publishedAt.toISOString())}::timestamptz[],
      ${fingerprints.map((f) => f.canonicalUrl)}::text[], ${fingerprints.map((f) => f.textKey)}::text[],
      ${fingerprints.map((f) => f.simhash)}::bigint[])
    on conflict (mention_id) do update set canonical_url = excluded.canonical_url,
      text_key = excluded.text_key, simhash = excluded.simhash
  `.execute(trx);
  const window = sql`make_interval(days => ${DUPLICATE_WINDOW_DAYS})`;
  // Per mention, the earliest candidate of each kind (each an index range scan with LIMIT 1),
  // then the earliest of those: bounded work even when a spam wave shares every key.
  // Per mention: the earliest earlier post with the same permalink, else with the same text,
  // else a near-identical one. COALESCE evaluates only until a match is found, and each lookup
  // is an index range scan with LIMIT 1 (the band lookups examine at most BAND_CANDIDATES rows).
  const { rows: found } = await sql<{ id: string; canon: string | null }>`
    select n.mention_id as id, coalesce(
      (select o.mention_id from mention_fingerprints o
       where n.canonical_url is not null and o.canonical_url = n.canonical_url
         and o.published_at >= n.published_at - ${window}
         and (o.published_at, o.mention_id) < (n.published_at, n.mention_id)
       order by o.published_at, o.mention_id limit 1),
      (select o.mention_id from mention_fingerprints o
       where n.text_key is not null and o.text_key = n.text_key
         and o.published_at >= n.published_at - ${window}
         and (o.published_at, o.mention_id) < (n.published_at, n.mention_id)
       order by o.published_at, o.mention_id limit 1),
      case when n.simhash is not null then (
        select c.mention_id from (
        (select b.mention_id, b.published_at from (
           select o.mention_id, o.published_at, o.simhash from mention_fingerprints o
           where ((o.simhash >> 48) & 65535) = ((n.simhash >> 48) & 65535)
             and o.published_at >= n.published_at - ${window}
             and (o.published_at, o.mention_id) < (n.published_at, n.mention_id)
           order by o.published_at desc limit ${BAND_CANDIDATES}) b
         where bit_count((b.simhash # n.simhash)::bit(64)) <= ${MAX_DISTANCE}
         order by b.published_at, b.mention_id limit 1)
        union all
        (select b.mention_id, b.published_at from (
           select o.mention_id, o.published_at, o.simhash from mention_fingerprints o
           where ((o.simhash >> 32) & 65535) = ((n.simhash >> 32) & 65535)
             and o.published_at >= n.published_at - ${window}
             and (o.published_at, o.mention_id) < (n.published_at, n.mention_id)
           order by o.published_at desc limit ${BAND_CANDIDATES}) b
         where bit_count((b.simhash # n.simhash)::bit(64)) <= ${MAX_DISTANCE}
         order by b.published_at, b.mention_id limit 1)
        union all
        (select b.mention_id, b.published_at from (
           select o.mention_id, o.published_at, o.simhash from mention_fingerprints o
           where ((o.simhash >> 16) & 65535) = ((n.simhash >> 16) & 65535)
             and o.published_at >= n.published_at - ${window}
             and (o.published_at, o.mention_id) < (n.published_at, n.mention_id)
           order by o.published_at desc limit ${BAND_CANDIDATES}) b
         where bit_count((b.simhash # n.simhash)::bit(64)) <= ${MAX_DISTANCE}
         order by b.published_at, b.mention_id limit 1)
        union all
        (select b.mention_id, b.published_at from (
           select o.mention_id, o.published_at, o.simhash from mention_fingerprints o
           where (o.simhash & 65535) = (n.simhash & 65535)
             and o.published_at >= n.published_at - ${window}
             and (o.published_at, o.mention_id) < (n.published_at, n.mention_id)
           order by o.published_at desc limit ${BAND_CANDIDATES}) b
         where bit_count((b.simhash # n.simhash)::bit(64)) <= ${MAX_DISTANCE}
         order by b.published_at, b.mention_id limit 1)
        ) c order by c.published_at, c.mention_id limit 1) end
    ) as canon
    from mention_fingerprints n
    where n.mention_id = any(${ids}::bigint[])
  `.execute(trx);
  const byId = new Map(found.map((f) => [f.id, f.canon]));
  return ids.map((id) => byId.get(id) ?? null);
}
