import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/** What an erased handle is replaced with in other people's words. */
export const ERASED = '[erased]';
/** A regular expression that matches nothing: for a form the person has none of. */
const NOTHING = '(?!)';

/**
 * The ways other people's posts name a person: "@alice" (and "@alice@instance") for a fediverse
 * handle, "@alice.bsky.social" on Bluesky, "u/alice" on Reddit, and the full handle itself when
 * it is specific enough to stand alone (it holds an "@" or a "."). As PostgreSQL regular
 * expressions, each anchored so that "@alice" never matches inside "@alicette".
 */
export function handlePatterns(platform: string, handle: string): string[] {
  const h = handle.replace(/^@/, '').toLowerCase();
  if (!h) return [];
  const local = h.includes('@') ? h.slice(0, h.indexOf('@')) : h;
  const end = '(?![a-z0-9_])';
  const patterns = [`@${escape(local)}(@[a-z0-9.-]+)?${end}`];
  if (local !== h) patterns.push(`@${escape(h)}${end}`);
  if (h.includes('@') || h.includes('.')) patterns.push(`(?<![a-z0-9_.@])${escape(h)}${end}`);
  if (platform === 'reddit') patterns.push(`(?<![a-z0-9_])/?u/${escape(h)}${end}`);
  return patterns;
}

/** What a whole JSON string naming the person becomes in a raw payload. */
const ERASED_VALUE = JSON.stringify(ERASED);

/**
 * The other forms a raw payload stores a person under, as PostgreSQL regular expressions over its
 * JSON text. `values`: the bare username, the full handle and the display names as a whole JSON
 * string with its quotes (Mastodon's `mentions[].username` and `acct`: `"amira"`), replaced by
 * `"[erased]"`. `inStrings`: the handle patterns, the profile URLs (alone or as the start of a
 * longer URL), the ActivityPub path `/users/<name>` and the name alone in an HTML element
 * (`@<span>amira</span>`), replaced by `[erased]` inside a string.
 * Neither replacement can break the JSON.
 */
export function rawPayloadPatterns(
  handles: readonly { platform: string; handle: string }[],
  names: readonly string[],
  profileUrls: readonly string[],
): { values: string[]; inStrings: string[] } {
  const values = new Set<string>();
  const inStrings: string[] = [];
  const whole = (value: string) => values.add(escape(JSON.stringify(value.toLowerCase())));
  for (const { platform, handle } of handles) {
    const h = handle.replace(/^@/, '').toLowerCase();
    if (!h) continue;
    const local = h.includes('@') ? h.slice(0, h.indexOf('@')) : h;
    inStrings.push(...handlePatterns(platform, handle));
    whole(h);
    whole(local);
    if (/^[\w.-]+$/.test(local)) {
      inStrings.push(`/users/${escape(local)}(?![a-z0-9_])`);
      // Mastodon's HTML splits a mention as @<span>amira</span>: the name alone in an element.
      inStrings.push(`(?<=>)${escape(local)}(?=</)`);
    }
  }
  for (const name of names) whole(name);
  for (const url of profileUrls) {
    // Only URLs whose JSON text is the URL itself: no quote or backslash to get wrong.
    if (/^https?:\/\/[\w.:@%~/+-]+$/.test(url)) inStrings.push(`${escape(url)}(?![a-z0-9_.-])`);
  }
  return { values: [...values], inStrings };
}

/** A person as erasure scrubs them from other people's words. */
export interface ScrubbedPerson {
  handles: readonly { platform: string; handle: string }[];
  authorIds: readonly string[];
  names: readonly string[];
  profileUrls: readonly string[];
}

/**
 * Erasure reaches other people's words too: their posts, the inbox messages and the prepared
 * replies that name the person by handle have it replaced with "[erased]". The posts stay —
 * they are someone else's — but no longer point at the person. A raw payload is rewritten when
 * its post names the person in its text, or replies to, quotes or reposts one of the person's
 * posts (a reply's mention list, a quote's or a boost's embedded author): matching the regular
 * expressions against every stored payload would read the whole table's JSON, which the
 * statement timeout does not allow on a large store. In such a payload every stored form of the
 * person is replaced (`rawPayloadPatterns`: username, handle, display name, URLs). Call it
 * before the person's own mentions are deleted. Returns the rows changed per table.
 */
export async function scrubHandles(
  trx: Executor,
  person: ScrubbedPerson,
): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  const add = (table: string, n: bigint | undefined) => {
    if (n && n > 0n) rows[table] = (rows[table] ?? 0) + Number(n);
  };
  // Handles are letters, digits, "_", ".", "-" and "@": nothing that could break the JSON text
  // of a raw payload once replaced. Anything else is left alone rather than risked.
  const handles = person.handles.filter(({ handle }) => /^@?[\w.@-]+$/.test(handle));
  const pattern = handles
    .flatMap(({ platform, handle }) => handlePatterns(platform, handle))
    .join('|');
  const raw = rawPayloadPatterns(handles, person.names, person.profileUrls);
  if (raw.values.length === 0) return rows;
  const values = raw.values.join('|');
  const inStrings = raw.inStrings.join('|') || NOTHING;
  const inText = pattern || NOTHING;
  const mentions = await sql`
    with theirs as (
      select platform, external_id from mentions where author_id = any(${[...person.authorIds]}::bigint[])
    )
    update mentions m set
      text = regexp_replace(m.text, ${inText}, ${ERASED}, 'gi'),
      title = regexp_replace(m.title, ${inText}, ${ERASED}, 'gi'),
      raw = regexp_replace(regexp_replace(m.raw::text, ${values}, ${ERASED_VALUE}, 'gi'),
        ${inStrings}, ${ERASED}, 'gi')::jsonb
    where m.text ~* ${inText} or m.title ~* ${inText}
      or (exists (select 1 from theirs t where t.platform = m.platform
                  and t.external_id in (m.parent_external_id, m.quoted_external_id))
          and (m.raw::text ~* ${values} or m.raw::text ~* ${inStrings}))`.execute(trx);
  add('mentions', mentions.numAffectedRows);
  if (!pattern) return rows;
  for (const table of ['conversation_messages', 'idea_replies'] as const) {
    const r = await sql`
      update ${sql.table(table)} set text = regexp_replace(text, ${pattern}, ${ERASED}, 'gi')
      where text ~* ${pattern}`.execute(trx);
    add(table, r.numAffectedRows);
  }
  return rows;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
