import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../core/connectors/connector.js';
import { ConnectorError, retryPolicy } from '../../../core/connectors/connector-error.js';
import { getConnector } from '../../../core/connectors/registry.js';
import { createOutboundHttp } from '../../../core/http/outbound.js';
import {
  scripted,
  startReplayServer,
  type ReplayServer,
  type ReplayResponse,
} from '../../support/replay-server.js';

const fixtures = path.resolve(fileURLToPath(import.meta.url), '../../../fixtures/connectors');
const fixture = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');

let server: ReplayServer;
const http = createOutboundHttp({
  timeoutMs: 2000,
  maxBytes: 256 * 1024,
  allowHosts: ['127.0.0.1'],
});
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.close();
});

/** Each JSON platform, its request path and a config pointing at the local server. */
const platforms = [
  {
    kind: 'mastodon',
    path: '/api/v1/timelines/tag/ecoute',
    config: (url: string) => ({ instance: url, mode: 'hashtag', tag: 'ecoute', backfillPages: 1 }),
  },
  {
    kind: 'reddit',
    path: '/r/ecoute/new.json',
    config: (url: string) => ({
      baseUrl: url,
      mode: 'subreddit',
      subreddit: 'ecoute',
      backfillPages: 1,
    }),
  },
  {
    kind: 'hackernews',
    path: '/api/v1/search_by_date',
    config: (url: string) => ({ baseUrl: url, query: 'ecoute', backfillPages: 1 }),
  },
  {
    kind: 'bluesky',
    path: '/xrpc/app.bsky.feed.searchPosts',
    config: (url: string) => ({ baseUrl: url, query: 'ecoute', backfillPages: 1 }),
  },
] as const;

async function pollWith(p: (typeof platforms)[number], response: ReplayResponse) {
  server.route(p.path, response);
  const connector: Connector = getConnector(p.kind);
  const config = connector.configSchema.parse(p.config(server.url));
  return connector.fetchPage({ config, cursor: null, http });
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const err = await promise.then(
    () => new Error('the poll succeeded'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConnectorError);
  return err as ConnectorError;
}

describe.each(platforms)('$kind connector failures', (p) => {
  it('waits as a 429 Retry-After asks', async () => {
    const err = await failure(pollWith(p, scripted.tooManyRequests('42')));
    expect(err).toMatchObject({ code: 'rate_limited', retryAfterMs: 42_000 });
    expect(retryPolicy(err)).toBe('wait');
  });

  it('retries a 500', async () => {
    const err = await failure(pollWith(p, scripted.status(500, 'boom')));
    expect(err.code).toBe('server_error');
    expect(retryPolicy(err)).toBe('retry');
  });

  it('gives up on a 401 and a 404', async () => {
    expect(retryPolicy(await failure(pollWith(p, scripted.status(401))))).toBe('give_up');
    expect((await failure(pollWith(p, scripted.status(404)))).code).toBe('not_found');
  });

  it('refuses truncated JSON as invalid_payload', async () => {
    const err = await failure(pollWith(p, scripted.truncatedJson()));
    expect(err.code).toBe('invalid_payload');
    expect(err.message).toContain('not valid JSON');
  });

  it('refuses an HTML error page served with status 200', async () => {
    const err = await failure(pollWith(p, scripted.htmlErrorPage()));
    expect(err.code).toBe('invalid_payload');
    expect(err.message).toContain('an HTML page');
  });

  it('refuses JSON of the wrong shape, naming what was expected', async () => {
    const err = await failure(pollWith(p, scripted.json({ unexpected: true })));
    expect(err.code).toBe('invalid_payload');
    expect(err.message).toContain('expected');
  });

  it('refuses a body past the size cap', async () => {
    expect((await failure(pollWith(p, scripted.huge(10 * 1024 * 1024)))).code).toBe('too_large');
  });

  it('times out a response that never comes', async () => {
    expect(await failure(pollWith(p, scripted.slow(4000)))).toMatchObject({ code: 'timeout' });
  });
});

describe('JSON connectors mapping their own fixtures', () => {
  it('mastodon: RTL text and emoji, instance-scoped reply ids, a boost as the original and its repost', async () => {
    const page = await pollWith(
      platforms[0],
      scripted.json(JSON.parse(fixture('mastodon/hashtag-rtl-emoji.json'))),
    );
    const host = new URL(server.url).host;
    const [rtl, boosted, boost] = page.mentions;
    expect(page.mentions).toHaveLength(3);
    expect(rtl).toMatchObject({
      externalId: `${host}:200`,
      text: 'الخدمة سيئة 😡 #ecoute',
      langHint: 'ar',
      parentId: `${host}:199`,
      author: { handle: `amira@${host}`, followers: 1200 },
      likes: 5,
      reposts: 2,
    });
    expect(boosted).toMatchObject({
      externalId: `${host}:149`,
      text: 'Original 👍🏽 post',
      quotedId: `${host}:120`,
      author: { handle: 'tom@other.example', name: null },
    });
    // The boost: the booster's repost of those words, pointing at the original.
    expect(boost).toMatchObject({
      externalId: `${host}:150`,
      text: 'Original 👍🏽 post',
      quotedId: `${host}:149`,
      url: 'https://other.example/@tom/8',
      publishedAt: new Date('2024-03-01T09:00:00.000Z'),
      author: { handle: `booster@${host}`, name: 'B' },
    });
  });

  it('reddit: Hebrew comment with parent and thread, link post by a deleted author, "more" stubs skipped', async () => {
    const page = await pollWith(
      platforms[1],
      scripted.json(JSON.parse(fixture('reddit/listing-rtl-emoji.json'))),
    );
    expect(page.mentions).toHaveLength(2);
    const [comment, post] = page.mentions;
    expect(comment).toMatchObject({
      externalId: 't1_c2',
      text: 'המוצר לא עובד 😭',
      parentId: 't1_c1',
      threadId: 't3_p1',
      score: -2,
      url: 'https://www.reddit.com/r/ecoute/comments/p1/_/c2/',
    });
    expect(post).toMatchObject({
      externalId: 't3_p1',
      author: null,
      text: 'Cancelling my plan 👋',
      links: ['https://news.example/article'],
      replies: 17,
      score: 42,
    });
  });

  it('reddit: things deleted or removed on Reddit come back as deletions, not as mentions', async () => {
    const thing = (kind: 't1' | 't3', id: string, fields: Record<string, unknown>) => ({
      kind,
      data: { name: `${kind}_${id}`, id, created_utc: 1709370000, author: 'noa', ...fields },
    });
    const page = await pollWith(
      platforms[1],
      scripted.json({
        kind: 'Listing',
        data: {
          after: null,
          children: [
            thing('t1', 'kept', { body: 'Toujours en panne' }),
            thing('t1', 'deleted', { body: '[deleted]', author: '[deleted]' }),
            thing('t1', 'removed', { body: '[removed]' }),
            thing('t3', 'modpost', {
              title: 'Spam',
              selftext: '',
              removed_by_category: 'moderator',
            }),
            thing('t3', 'selfpost', { title: 'Gone', selftext: '[deleted]' }),
          ],
        },
      }),
    );
    expect(page.mentions.map((m) => m.externalId)).toEqual(['t1_kept']);
    expect(page.deleted?.sort()).toEqual(['t1_deleted', 't1_removed', 't3_modpost', 't3_selfpost']);
  });

  it('hackernews: comment HTML to text with links, story points and comment count', async () => {
    const page = await pollWith(
      platforms[2],
      scripted.json(JSON.parse(fixture('hackernews/search-rtl-emoji.json'))),
    );
    const [comment, story] = page.mentions;
    expect(comment).toMatchObject({
      externalId: '501',
      text: 'Switched away — too slow 🐌\n\nSee status',
      links: ['https://status.example/'],
      parentId: '500',
      threadId: '400',
      score: null,
    });
    expect(comment?.raw).not.toHaveProperty('_highlightResult');
    expect(story).toMatchObject({
      title: 'Show HN: שלום world',
      score: 12,
      replies: 4,
      links: ['https://show.example/'],
    });
  });

  it('bluesky: reply, quote inside recordWithMedia, link facets; empty posts are left out', async () => {
    const page = await pollWith(
      platforms[3],
      scripted.json(JSON.parse(fixture('bluesky/search-rtl-emoji.json'))),
    );
    expect(page.mentions).toHaveLength(1);
    expect(page.mentions[0]).toMatchObject({
      text: 'Service client nul 😤 مرحبا',
      langHint: 'fr',
      parentId: 'at://did:plc:bbb/app.bsky.feed.post/2',
      threadId: 'at://did:plc:bbb/app.bsky.feed.post/1',
      quotedId: 'at://did:plc:ccc/app.bsky.feed.post/9',
      links: ['https://help.example/'],
      author: { name: 'Léa', handle: 'lea.example' },
      likes: 3,
      reposts: 1,
    });
    expect(page.mentions[0]?.publishedAt?.toISOString()).toBe('2024-03-02T10:00:00.000Z');
  });
});

describe('connector config schemas', () => {
  it.each([
    ['mastodon', { instance: 'https://m.example', mode: 'hashtag' }, 'tag'],
    ['mastodon', { instance: 'https://m.example', mode: 'search' }, 'query'],
    ['mastodon', { instance: 'ftp://m.example', mode: 'hashtag', tag: 'x' }, 'instance'],
    ['mastodon', { instance: 'https://m.example', mode: 'hashtag', tag: 'two words' }, 'tag'],
    ['reddit', { mode: 'subreddit' }, 'subreddit'],
    ['reddit', { mode: 'search' }, 'query'],
    ['reddit', { mode: 'subreddit', subreddit: 'x', backfillPages: 99 }, 'backfillPages'],
    ['hackernews', { query: '' }, 'query'],
    ['hackernews', { query: 'x', tags: 'story; drop' }, 'tags'],
    ['bluesky', { query: 'x', lang: 'not a tag' }, 'lang'],
  ])('%s refuses %j, naming the field %s', (kind, config, field) => {
    const parsed = getConnector(kind).configSchema.safeParse(config);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });

  it('fills defaults: public endpoints and a backfill of 3 pages', () => {
    expect(
      getConnector('reddit').configSchema.parse({ mode: 'subreddit', subreddit: '/r/AskReddit' }),
    ).toMatchObject({
      baseUrl: 'https://www.reddit.com',
      subreddit: 'AskReddit',
      backfillPages: 3,
      pageSize: 100,
    });
    expect(getConnector('hackernews').configSchema.parse({ query: 'x' })).toMatchObject({
      baseUrl: 'https://hn.algolia.com',
    });
    expect(getConnector('bluesky').configSchema.parse({ query: 'x' })).toMatchObject({
      baseUrl: 'https://api.bsky.app',
    });
    expect(
      getConnector('mastodon').configSchema.parse({
        instance: 'https://m.example',
        mode: 'hashtag',
        tag: '#Écoute',
      }),
    ).toMatchObject({ tag: 'Écoute', pageSize: 40 });
  });
});
