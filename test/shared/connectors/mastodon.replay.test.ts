import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mastodonConnector } from '../../../core/connectors/mastodon/mastodon.connector.js';
import { normalizedMentionSchema } from '../../../core/mentions/normalized-mention.js';
import { recorded, scripted } from '../../support/replay-server.js';
import { query, useReplayServer } from './replay-context.js';
import { sharedFixture } from './shared-fixtures.js';

const ctx = useReplayServer();
const rec = (name: string) =>
  recorded(
    sharedFixture('mastodon', `${name}.json`),
    sharedFixture('mastodon', `${name}.headers.json`),
  );

function config(extra: Record<string, unknown>) {
  return mastodonConnector.configSchema.parse({ instance: ctx.server.url, ...extra });
}

describe('mastodonConnector replaying recorded responses', () => {
  it('maps the recorded #rstats timeline and follows its Link header to the next page', async () => {
    ctx.server.route('/api/v1/timelines/tag/rstats', rec('timelines_tag_rstats'));
    const cfg = config({ mode: 'hashtag', tag: '#rstats', pageSize: 5, backfillPages: 2 });
    const first = await mastodonConnector.fetchPage({ config: cfg, cursor: null, http: ctx.http });
    expect(first.mentions).toHaveLength(5);
    for (const m of first.mentions) normalizedMentionSchema.parse(m);
    const host = new URL(ctx.server.url).host;
    expect(first.mentions[0]).toMatchObject({
      platform: 'mastodon',
      externalId: `${host}:114870142263126875`,
      url: 'https://rstats.me/@simonpcouch/114870142137562212',
      author: { handle: 'simonpcouch@rstats.me', name: 'Simon P. Couch', followers: 656 },
      langHint: 'en',
    });
    expect(first.mentions[0]?.text).toContain('#rstats package documentation');
    expect(first.mentions[0]?.links).toContain(
      'https://www.simonpcouch.com/blog/2025-07-17-claude-code-2/',
    );
    expect(first.mentions.some((m) => (m.reposts ?? 0) > 0 || (m.likes ?? 0) > 0)).toBe(true);
    expect(first.quota).toEqual({
      limit: 300,
      remaining: 291,
      resetAt: '2025-07-17T20:05:00.725Z',
    });
    expect(first.hasMore).toBe(true);

    ctx.server.route((u) => u.searchParams.has('max_id'), scripted.json([]));
    const second = await mastodonConnector.fetchPage({
      config: cfg,
      cursor: first.cursor,
      http: ctx.http,
    });
    expect(query(ctx.server.requests.at(-1)!.url)).toMatchObject({
      max_id: '114869144097749491',
      limit: '5',
    });
    expect(second).toMatchObject({ mentions: [], hasMore: false });
  });

  it('asks only for newer statuses with since_id once the backfill is done', async () => {
    ctx.server.route('/api/v1/timelines/tag/rstats', rec('timelines_tag_rstats'));
    const cfg = config({ mode: 'hashtag', tag: 'rstats', backfillPages: 1 });
    const first = await mastodonConnector.fetchPage({ config: cfg, cursor: null, http: ctx.http });
    expect(first.hasMore).toBe(false);
    ctx.server.route((u) => u.searchParams.has('since_id'), scripted.json([]));
    const next = await mastodonConnector.fetchPage({
      config: cfg,
      cursor: first.cursor,
      http: ctx.http,
    });
    expect(query(ctx.server.requests.at(-1)!.url).since_id).toBe('114870142263126875');
    expect(next.mentions).toEqual([]);
  });

  it('keeps replies, languages and instance-scoped parent ids from the public timeline', async () => {
    ctx.server.route('/api/v1/timelines/tag/public', rec('timelines_public_mastodon_social'));
    const cfg = config({ mode: 'hashtag', tag: 'public', backfillPages: 1 });
    const { mentions } = await mastodonConnector.fetchPage({
      config: cfg,
      cursor: null,
      http: ctx.http,
    });
    expect(mentions).toHaveLength(20);
    const host = new URL(ctx.server.url).host;
    const replies = mentions.filter((m) => m.parentId);
    expect(replies).toHaveLength(4);
    expect(replies.every((m) => m.parentId!.startsWith(`${host}:`))).toBe(true);
    const langs = mentions.map((m) => m.langHint);
    expect(langs.filter((l) => l === 'de')).toHaveLength(3);
    expect(langs.filter((l) => l === 'fr')).toHaveLength(1);
  });

  it('reads status search results with a bearer token', async () => {
    ctx.server.route('/api/v2/search', rec('search_v2_statuses_mastodon_social'));
    const cfg = config({ mode: 'search', query: 'halcy', backfillPages: 1 });
    const page = await mastodonConnector.fetchPage({
      config: cfg,
      cursor: null,
      http: ctx.http,
      secret: 'token-123',
    });
    const request = ctx.server.requests.at(-1)!;
    expect(query(request.url)).toMatchObject({ q: 'halcy', type: 'statuses' });
    expect(request.headers.authorization).toBe('Bearer token-123');
    expect(page.mentions).toHaveLength(2);
    expect(page.mentions.every((m) => m.parentId !== null)).toBe(true);
    expect(page.mentions.map((m) => [m.replies, m.reposts, m.likes])).toEqual([
      [1, 0, 0],
      [0, 1, 4],
    ]);
  });

  it('maps the full documented Status entity', async () => {
    ctx.server.route('/api/v1/timelines/tag/doc', {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: `[${readFileSync(sharedFixture('mastodon', 'status_entity_docs.json'), 'utf8')}]`,
    });
    const cfg = config({ mode: 'hashtag', tag: 'doc', backfillPages: 1 });
    const { mentions } = await mastodonConnector.fetchPage({
      config: cfg,
      cursor: null,
      http: ctx.http,
    });
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.author?.handle).toContain('Gargron');
    expect(mentions[0]?.likes).toBeGreaterThan(0);
  });
});
