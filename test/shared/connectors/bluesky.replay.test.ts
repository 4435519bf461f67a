import { describe, expect, it } from 'vitest';
import { blueskyConnector } from '../../../core/connectors/bluesky/bluesky.connector.js';
import { normalizedMentionSchema } from '../../../core/mentions/normalized-mention.js';
import { recorded, scripted } from '../../support/replay-server.js';
import { query, useReplayServer } from './replay-context.js';
import { sharedFixture } from './shared-fixtures.js';

const ctx = useReplayServer();
const search = () =>
  recorded(
    sharedFixture('bluesky', 'searchPosts_redistricting.json'),
    sharedFixture('bluesky', 'searchPosts_redistricting.headers.json'),
  );

function config(extra: Record<string, unknown>) {
  return blueskyConnector.configSchema.parse({ baseUrl: ctx.server.url, ...extra });
}

describe('blueskyConnector replaying recorded searchPosts', () => {
  it('maps posts with replies, quotes, languages and the RateLimit quota', async () => {
    ctx.server.route('/xrpc/app.bsky.feed.searchPosts', search());
    const cfg = config({ query: 'redistricting', backfillPages: 2 });
    const page = await blueskyConnector.fetchPage({ config: cfg, cursor: null, http: ctx.http });
    expect(query(ctx.server.requests.at(-1)!.url)).toMatchObject({
      q: 'redistricting',
      sort: 'latest',
      limit: '100',
    });
    expect(page.mentions).toHaveLength(25);
    for (const m of page.mentions) normalizedMentionSchema.parse(m);
    expect(page.mentions.filter((m) => m.parentId)).toHaveLength(12);
    expect(
      page.mentions.filter((m) => m.parentId).every((m) => m.threadId?.startsWith('at://')),
    ).toBe(true);
    expect(page.mentions.filter((m) => m.quotedId)).toHaveLength(2);
    expect(page.mentions.filter((m) => m.langHint === null)).toHaveLength(4);
    const first = page.mentions[0]!;
    expect(first).toMatchObject({
      platform: 'bluesky',
      externalId: 'at://did:plc:kkergqgbhb56ptpwj2wenkje/app.bsky.feed.post/3lpk2u6qo222m',
      url: 'https://bsky.app/profile/socpaperbot.bsky.social/post/3lpk2u6qo222m',
      author: { id: 'did:plc:kkergqgbhb56ptpwj2wenkje', handle: 'socpaperbot.bsky.social' },
    });
    expect(first.links).toContain('https://osf.io/v87fn');
    expect(page.quota).toEqual({
      limit: 3000,
      remaining: 2983,
      resetAt: '2025-05-19T17:46:24.000Z',
    });
    expect(page.hasMore).toBe(true);

    ctx.server.route((u) => u.searchParams.get('cursor') === '25', scripted.json({ posts: [] }));
    const older = await blueskyConnector.fetchPage({
      config: cfg,
      cursor: page.cursor,
      http: ctx.http,
    });
    expect(query(ctx.server.requests.at(-1)!.url).cursor).toBe('25');
    expect(older).toMatchObject({ mentions: [], hasMore: false });
  });

  it('returns nothing on a later poll when no newer post was indexed', async () => {
    ctx.server.route('/xrpc/app.bsky.feed.searchPosts', search());
    const cfg = config({ query: 'redistricting', backfillPages: 1 });
    const first = await blueskyConnector.fetchPage({ config: cfg, cursor: null, http: ctx.http });
    const again = await blueskyConnector.fetchPage({
      config: cfg,
      cursor: first.cursor,
      http: ctx.http,
    });
    expect(again.mentions).toEqual([]);
    expect(again.hasMore).toBe(false);
  });
});
