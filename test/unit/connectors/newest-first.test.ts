import { describe, expect, it } from 'vitest';
import {
  MAX_CATCH_UP_PAGES,
  pollNewestFirst,
  sortableNumber,
  type ListingRequest,
} from '../../../core/connectors/shared/newest-first.js';
import type { SourceCursor } from '../../../core/connectors/connector.js';

/** A platform whose listing holds items 1..n (id = time), newest first, pages of `size`. */
function platform(initial: number, size = 3) {
  let newest = initial;
  const requests: ListingRequest[] = [];
  const fetch = async (request: ListingRequest) => {
    requests.push(request);
    const top = request.token ? Number(request.token) : newest;
    const items = [];
    for (let t = top; t > Math.max(0, top - size); t--) items.push({ id: String(t), t });
    const last = items.at(-1);
    return { items, next: last && last.t > 1 ? String(last.t - 1) : null };
  };
  return {
    requests,
    publish: (n: number) => {
      newest += n;
    },
    poll: (cursor: SourceCursor | null, backfillPages = 3) =>
      pollNewestFirst({
        cursor,
        backfillPages,
        fetch,
        idOf: (i: { id: string }) => i.id,
        keyOf: (i: { t: number }) => sortableNumber(i.t),
      }),
  };
}

const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);

describe('pollNewestFirst', () => {
  it('backfills a bounded number of older pages, one per poll, then stops', async () => {
    const p = platform(20);
    const first = await p.poll(null, 3);
    expect(ids(first)).toEqual(['20', '19', '18']);
    expect(first.hasMore).toBe(true);
    const second = await p.poll(first.cursor, 3);
    expect(ids(second)).toEqual(['17', '16', '15']);
    expect(second.hasMore).toBe(true);
    const third = await p.poll(second.cursor, 3);
    expect(ids(third)).toEqual(['14', '13', '12']);
    expect(third.hasMore).toBe(false);
    expect(third.cursor.older).toBeNull();
    expect(third.cursor.newestKey).toBe(sortableNumber(20));
  });

  it('returns only newer items on an incremental poll, passing the mark for server filtering', async () => {
    const p = platform(5);
    const first = await p.poll(null, 1);
    expect(first.hasMore).toBe(false);
    p.publish(2);
    const next = await p.poll(first.cursor, 1);
    expect(ids(next)).toEqual(['7', '6']);
    expect(next.hasMore).toBe(false);
    expect(p.requests.at(-1)).toEqual({ token: null, sinceKey: sortableNumber(5) });
    const idle = await p.poll(next.cursor, 1);
    expect(ids(idle)).toEqual([]);
    expect(idle.cursor.newestKey).toBe(sortableNumber(7));
  });

  it('walks older pages after a burst until it meets the previous mark, leaving no gap', async () => {
    const p = platform(10);
    let page = await p.poll(null, 1);
    p.publish(8);
    const seen: string[] = [];
    page = await p.poll(page.cursor, 1);
    seen.push(...ids(page));
    while (page.hasMore) {
      page = await p.poll(page.cursor, 1);
      seen.push(...ids(page));
    }
    expect(seen).toEqual(['18', '17', '16', '15', '14', '13', '12', '11']);
    expect(page.cursor.newestKey).toBe(sortableNumber(18));
  });

  it('bounds the catch-up walk', async () => {
    const p = platform(1, 1);
    let page = await p.poll(null, 1);
    p.publish(100);
    let polls = 0;
    do {
      page = await p.poll(page.cursor, 1);
      polls += 1;
    } while (page.hasMore);
    expect(polls).toBe(1 + MAX_CATCH_UP_PAGES);
  });

  it('does not repeat items that share the newest key', async () => {
    const fetch = async () => ({
      items: [
        { id: 'b', t: 5 },
        { id: 'a', t: 5 },
      ],
      next: null,
    });
    const opts = {
      backfillPages: 1,
      fetch,
      idOf: (i: { id: string }) => i.id,
      keyOf: (i: { t: number }) => sortableNumber(i.t),
    };
    const first = await pollNewestFirst({ ...opts, cursor: null });
    expect(first.cursor.newestIds).toEqual(['b', 'a']);
    const again = await pollNewestFirst({ ...opts, cursor: first.cursor });
    expect(again.items).toEqual([]);
  });

  it('treats a malformed stored cursor as a first poll', async () => {
    const p = platform(4);
    const page = await p.poll({ newestKey: 42, older: 'x' } as unknown as SourceCursor, 1);
    expect(ids(page)).toEqual(['4', '3', '2']);
  });
});
