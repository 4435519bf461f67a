import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/** What an erased handle is replaced with in other people's words. */
export const ERASED = '[erased]';

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

/**
 * Erasure reaches other people's words too: their posts, the inbox messages and the prepared
 * replies that name the person by handle have it replaced with "[erased]". The posts stay —
 * they are someone else's — but no longer point at the person. A raw payload is rewritten when
 * its post names the person in its text, or replies to, quotes or reposts one of the person's
 * posts (a reply's mention list, a quote's or a boost's embedded author): matching the regular
 * expressions against every stored payload would read the whole table's JSON, which the
 * statement timeout does not allow on a large store. Call it before the person's own mentions
 * are deleted. Returns the rows changed per table.
 */
export async function scrubHandles(
  trx: Executor,
  handles: readonly { platform: string; handle: string }[],
  authorIds: readonly string[],
): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  const add = (table: string, n: bigint | undefined) => {
    if (n && n > 0n) rows[table] = (rows[table] ?? 0) + Number(n);
  };
  for (const { platform, handle } of handles) {
    // Handles are letters, digits, "_", ".", "-" and "@": nothing that could break the JSON text
    // of a raw payload once replaced. Anything else is left alone rather than risked.
    if (!/^@?[\w.@-]+$/.test(handle)) continue;
    const pattern = handlePatterns(platform, handle).join('|');
    if (!pattern) continue;
    const mentions = await sql`
      with theirs as (
        select platform, external_id from mentions where author_id = any(${[...authorIds]}::bigint[])
      )
      update mentions m set
        text = regexp_replace(m.text, ${pattern}, ${ERASED}, 'gi'),
        title = regexp_replace(m.title, ${pattern}, ${ERASED}, 'gi'),
        raw = regexp_replace(m.raw::text, ${pattern}, ${ERASED}, 'gi')::jsonb
      where m.text ~* ${pattern} or m.title ~* ${pattern}
        or (exists (select 1 from theirs t where t.platform = m.platform
                    and t.external_id in (m.parent_external_id, m.quoted_external_id))
            and m.raw::text ~* ${pattern})`.execute(trx);
    add('mentions', mentions.numAffectedRows);
    for (const table of ['conversation_messages', 'idea_replies'] as const) {
      const r = await sql`
        update ${sql.table(table)} set text = regexp_replace(text, ${pattern}, ${ERASED}, 'gi')
        where text ~* ${pattern}`.execute(trx);
      add(table, r.numAffectedRows);
    }
  }
  return rows;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
