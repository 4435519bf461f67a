import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConnector } from '../../../core/connectors/registry.js';
import { createOutboundHttp } from '../../../core/http/outbound.js';
import { scripted, startReplayServer, type ReplayServer } from '../../support/replay-server.js';
import { sharedFixture } from '../../shared/connectors/shared-fixtures.js';

const json = (...parts: string[]) =>
  JSON.parse(readFileSync(sharedFixture(...parts), 'utf8')) as Record<string, unknown>;

let server: ReplayServer;
const http = createOutboundHttp({
  timeoutMs: 2000,
  maxBytes: 1024 * 1024,
  allowHosts: ['127.0.0.1'],
});
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.close();
});

async function poll(kind: string, rawConfig: Record<string, unknown>, cursor: unknown = null) {
  const connector = getConnector(kind);
  const config = connector.configSchema.parse(rawConfig);
  return connector.fetchPage({ config, cursor: cursor as never, http });
}

describe('thread modes: a discussion followed as it grows', () => {
  it('hackernews itemId: the item and every comment below it, each naming its parent, then only new ones', async () => {
    const tree = json('hn', 'items_17.json');
    server.route('/api/v1/items/17', scripted.json(tree));
    const config = { baseUrl: server.url, itemId: 17 };
    const first = await poll('hackernews', config);
    expect(first.mentions.map((m) => [m.externalId, m.author?.handle, m.parentId])).toEqual([
      ['17', 'pg', '15'],
      ['1079', 'dmon', '17'],
      ['454426', 'Arrington', '17'],
    ]);

    const grown = structuredClone(tree) as { children: Record<string, unknown>[] };
    grown.children.push({
      id: 999001,
      created_at_i: 1_700_000_000,
      type: 'comment',
      author: 'newcomer',
      text: '<p>Late to the thread.</p>',
      parent_id: 17,
      story_id: 1,
      children: [],
    });
    server.route('/api/v1/items/17', scripted.json(grown));
    const second = await poll('hackernews', config, first.cursor);
    expect(second.mentions.map((m) => [m.externalId, m.parentId])).toEqual([['999001', '17']]);
  });

  it('mastodon thread: the status and its context, replies scoped to the instance, then only new ones', async () => {
    const focal = { ...json('mastodon', 'status_entity_docs.json'), id: '114026814291152535' };
    server.route('/api/v1/statuses/114026814291152535', scripted.json(focal));
    server.route(
      '/api/v1/statuses/114026814291152535/context',
      scripted.json(json('mastodon', 'status_context_replies.json')),
    );
    const config = { instance: server.url, mode: 'thread', statusId: '114026814291152535' };
    const host = new URL(server.url).host;
    const first = await poll('mastodon', config);
    expect(first.mentions.map((m) => [m.externalId, m.parentId])).toEqual([
      [`${host}:114026814291152535`, null],
      [`${host}:114027213608365869`, `${host}:114026814291152535`],
      [`${host}:114055560713759881`, `${host}:114026814291152535`],
      [`${host}:114058233338164636`, `${host}:114055560713759881`],
    ]);
    const again = await poll('mastodon', config, first.cursor);
    expect(again.mentions).toEqual([]);
  });

  it('bluesky author: the account feed with its reposts, each kept as the reposter quoting the post', async () => {
    server.route(
      '/xrpc/app.bsky.feed.getAuthorFeed',
      scripted.json(json('bluesky', 'getAuthorFeed_chriskenny.json')),
    );
    const page = await poll('bluesky', {
      baseUrl: server.url,
      mode: 'author',
      actor: 'chriskenny.bsky.social',
      backfillPages: 1,
    });
    const request = server.requests.find((r) =>
      r.url.startsWith('/xrpc/app.bsky.feed.getAuthorFeed'),
    );
    expect(request?.url).toContain('actor=chriskenny.bsky.social');
    const reposts = page.mentions.filter((m) => m.externalId.includes('#repost-by-'));
    expect(reposts).toHaveLength(7);
    for (const r of reposts) {
      const original = page.mentions.find((m) => m.externalId === r.quotedId);
      expect(original?.text).toBe(r.text);
      expect(r.author?.handle).toBe('chriskenny.bsky.social');
    }
    expect(page.mentions.filter((m) => m.parentId).length).toBeGreaterThanOrEqual(20);
  });

  it('refuses a thread mode without its id, naming the field', () => {
    const hn = getConnector('hackernews').configSchema.safeParse({});
    expect(hn.success).toBe(false);
    expect(hn.error?.issues[0]).toMatchObject({
      path: ['query'],
      message: 'is required unless itemId is set',
    });
    const m = getConnector('mastodon').configSchema.safeParse({
      instance: 'https://m.example',
      mode: 'thread',
    });
    expect(m.error?.issues[0]).toMatchObject({
      path: ['statusId'],
      message: 'is required in thread mode',
    });
  });
});
