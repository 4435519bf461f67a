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

/** Posts `o` of the window published before mention `n`. */
const EARLIER = sql`o.published_at >= n.published_at - make_interval(days => ${DUPLICATE_WINDOW_DAYS})
  and (o.published_at, o.mention_id) < (n.published_at, n.mention_id)`;

/** The earliest earlier post with the same value of an exact key. */
function exactMatch(column: 'canonical_url' | 'text_key') {
  const mine = sql.ref(`n.${column}`);
  return sql`(select o.mention_id from mention_fingerprints o
    where ${mine} is not null and ${sql.ref(`o.${column}`)} = ${mine} and ${EARLIER}
    order by o.published_at, o.mention_id limit 1)`;
}

/** The four 16-bit bands of a SimHash, written as the band indexes of sql/0002 compute them. */
const BAND_SHIFTS = [48, 32, 16, 0] as const;
const band = (alias: 'o' | 'n', shift: number) =>
  sql.raw(shift === 0 ? `(${alias}.simhash & 65535)` : `((${alias}.simhash >> ${shift}) & 65535)`);

/** The earliest earlier post sharing one band and within MAX_DISTANCE bits. */
function nearMatch(shift: number) {
  return sql`(select b.mention_id, b.published_at from (
      select o.mention_id, o.published_at, o.simhash from mention_fingerprints o
      where ${band('o', shift)} = ${band('n', shift)} and ${EARLIER}
      order by o.published_at desc limit ${BAND_CANDIDATES}) b
    where bit_count((b.simhash # n.simhash)::bit(64)) <= ${MAX_DISTANCE}
    order by b.published_at, b.mention_id limit 1)`;
}

/**
 * Stores the batch's fingerprints and returns, per mention, its canonical mention — the earliest
 * mention published before it (within the window) with the same permalink, else the same
 * normalised text, else a SimHash within 3 bits (found through the band indexes) — or null.
 * Two statements per batch, whatever its size. Two copies analysed at the same moment in
 * concurrent batches may both stay canonical: each transaction cannot see the other's
 * fingerprints.
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
  // Per mention: the earliest earlier post with the same permalink, else with the same text,
  // else a near-identical one. COALESCE evaluates only until a match is found, and each lookup
  // is an index range scan with LIMIT 1 (a band lookup examines at most BAND_CANDIDATES rows).
  const { rows: found } = await sql<{ id: string; canon: string | null }>`
    select n.mention_id as id, coalesce(
      ${exactMatch('canonical_url')},
      ${exactMatch('text_key')},
      case when n.simhash is not null then (
        select c.mention_id from (
          ${sql.join(BAND_SHIFTS.map(nearMatch), sql` union all `)}
        ) c order by c.published_at, c.mention_id limit 1) end
    ) as canon
    from mention_fingerprints n
    where n.mention_id = any(${ids}::bigint[])
  `.execute(trx);
  const byId = new Map(found.map((f) => [f.id, f.canon]));
  return ids.map((id) => byId.get(id) ?? null);
}
