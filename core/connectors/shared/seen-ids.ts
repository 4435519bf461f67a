import type { SourceCursor } from '../connector.js';

/**
 * Ids remembered for a source that re-reads a whole document each poll (a discussion thread):
 * a large Hacker News or Mastodon thread stays under this many posts.
 */
export const SEEN_THREAD_IDS_KEPT = 5_000;

/**
 * The mentions not seen before, and the cursor that remembers them, newest ids first. Used by
 * the thread modes, which fetch the whole discussion each time and keep only what is new.
 */
export function keepUnseen<T extends { externalId: string }>(
  cursor: SourceCursor | null,
  mentions: T[],
  kept = SEEN_THREAD_IDS_KEPT,
): { fresh: T[]; cursor: SourceCursor } {
  const seen = Array.isArray(cursor?.seen)
    ? cursor.seen.filter((s): s is string => typeof s === 'string')
    : [];
  const known = new Set(seen);
  const fresh = mentions.filter((m) => !known.has(m.externalId));
  const ids = [...new Set([...fresh.map((m) => m.externalId).reverse(), ...seen])];
  return { fresh, cursor: { seen: ids.slice(0, kept) } };
}
