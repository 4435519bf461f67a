import type { SourceCursor } from '../connector.js';

/**
 * Polling a newest-first listing (Mastodon timelines and search, Reddit listings, Hacker News
 * search_by_date, Bluesky searchPosts) with a bounded backfill on the first poll and
 * incremental polls after it:
 *
 * - first poll: the newest page, then up to `backfillPages - 1` older pages (one per poll, with
 *   `hasMore` so the caller polls again at once);
 * - later polls: the newest page, keeping only items above the high-water mark; when a whole
 *   page is new, older pages are walked down to the mark ("catch-up") so bursts leave no gap.
 *
 * Items are ordered by `key`: a string that sorts like the platform's order (zero-padded ids or
 * epoch seconds, ISO-8601 times). The platform reads the mark back from the key when it can
 * filter server-side (Mastodon since_id, Hacker News created_at_i>…).
 */
export interface ListingCursor extends SourceCursor {
  /** Key of the newest item returned so far; null before the first item. */
  newestKey: string | null;
  /** Ids sharing newestKey, so items with an equal key are not returned twice. */
  newestIds: string[];
  /** An older page still to fetch (backfill or catch-up); null when up to date. */
  older: { token: string; stopAtKey: string | null; stopIds: string[]; pagesLeft: number } | null;
}

export interface ListingPage<T> {
  items: T[];
  /** Token for the next older page; null on the last page. */
  next: string | null;
}

export interface ListingRequest {
  /** null: the newest page. */
  token: string | null;
  /** The high-water key for server-side filtering on a newest-page request; null otherwise. */
  sinceKey: string | null;
}

export interface NewestFirstOptions<T> {
  cursor: SourceCursor | null;
  backfillPages: number;
  fetch: (request: ListingRequest) => Promise<ListingPage<T>>;
  idOf: (item: T) => string;
  keyOf: (item: T) => string;
}

/** Pages walked to close a gap after a burst, beyond which older items are left behind. */
export const MAX_CATCH_UP_PAGES = 10;

export async function pollNewestFirst<T>(
  opts: NewestFirstOptions<T>,
): Promise<{ items: T[]; cursor: ListingCursor; hasMore: boolean }> {
  const cursor = readListingCursor(opts.cursor);
  if (cursor.older) return pollOlder(opts, cursor, cursor.older);
  const first = opts.cursor === null || cursor.newestKey === null;
  const page = await opts.fetch({ token: null, sinceKey: cursor.newestKey });
  const fresh = page.items.filter((i) => isAbove(opts, i, cursor.newestKey, cursor.newestIds));
  let older: ListingCursor['older'] = null;
  if (first && opts.backfillPages > 1 && page.next && page.items.length > 0) {
    older = { token: page.next, stopAtKey: null, stopIds: [], pagesLeft: opts.backfillPages - 1 };
  } else if (!first && page.next && fresh.length === page.items.length && fresh.length > 0) {
    older = {
      token: page.next,
      stopAtKey: cursor.newestKey,
      stopIds: cursor.newestIds,
      pagesLeft: MAX_CATCH_UP_PAGES,
    };
  }
  return {
    items: fresh,
    cursor: { ...advance(opts, cursor, fresh), older },
    hasMore: older !== null,
  };
}

async function pollOlder<T>(
  opts: NewestFirstOptions<T>,
  cursor: ListingCursor,
  older: NonNullable<ListingCursor['older']>,
): Promise<{ items: T[]; cursor: ListingCursor; hasMore: boolean }> {
  const page = await opts.fetch({ token: older.token, sinceKey: null });
  const fresh = page.items.filter((i) => isAbove(opts, i, older.stopAtKey, older.stopIds));
  const reachedMark = fresh.length < page.items.length;
  const pagesLeft = older.pagesLeft - 1;
  const next =
    !reachedMark && page.next && pagesLeft > 0 && page.items.length > 0
      ? { ...older, token: page.next, pagesLeft }
      : null;
  return {
    items: fresh,
    cursor: { ...advance(opts, cursor, fresh), older: next },
    hasMore: next !== null,
  };
}

function isAbove<T>(
  opts: NewestFirstOptions<T>,
  item: T,
  key: string | null,
  ids: string[],
): boolean {
  if (key === null) return true;
  const k = opts.keyOf(item);
  return k > key || (k === key && !ids.includes(opts.idOf(item)));
}

function advance<T>(opts: NewestFirstOptions<T>, cursor: ListingCursor, fresh: T[]) {
  let newestKey = cursor.newestKey;
  let newestIds = cursor.newestIds;
  for (const item of fresh) {
    const k = opts.keyOf(item);
    if (newestKey === null || k > newestKey) {
      newestKey = k;
      newestIds = [opts.idOf(item)];
    } else if (k === newestKey && !newestIds.includes(opts.idOf(item))) {
      newestIds = [...newestIds, opts.idOf(item)].slice(-100);
    }
  }
  return { newestKey, newestIds };
}

export function readListingCursor(cursor: SourceCursor | null): ListingCursor {
  const c = (cursor ?? {}) as Partial<ListingCursor>;
  const older = c.older && typeof c.older.token === 'string' ? c.older : null;
  return {
    newestKey: typeof c.newestKey === 'string' ? c.newestKey : null,
    newestIds: Array.isArray(c.newestIds) ? c.newestIds.map(String) : [],
    older: older
      ? {
          token: older.token,
          stopAtKey: typeof older.stopAtKey === 'string' ? older.stopAtKey : null,
          stopIds: Array.isArray(older.stopIds) ? older.stopIds.map(String) : [],
          pagesLeft: Number(older.pagesLeft) || 0,
        }
      : null,
  };
}

/** A non-negative integer as a fixed-width string, so that string order is numeric order. */
export function sortableNumber(n: number | string): string {
  return String(n).replace(/\..*$/, '').padStart(20, '0');
}

export function fromSortableNumber(key: string): string {
  return key.replace(/^0+(?=\d)/, '');
}
