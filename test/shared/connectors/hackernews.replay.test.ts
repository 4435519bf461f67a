import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hackerNewsConnector } from '../../../core/connectors/hackernews/hackernews.connector.js';
import { normalizedMentionSchema } from '../../../core/mentions/normalized-mention.js';
import { scripted } from '../../support/replay-server.js';
import { query, useReplayServer } from './replay-context.js';
import { sharedFixture } from './shared-fixtures.js';

const ctx = useReplayServer();
const body = (name: string) => ({
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: readFileSync(sharedFixture('hn', `${name}.json`)),
});

function config(extra: Record<string, unknown>) {
  return hackerNewsConnector.configSchema.parse({ baseUrl: ctx.server.url, ...extra });
}

describe('hackerNewsConnector replaying recorded Algolia responses', () => {
  it('maps comments and stories from search_by_date and pages the backfill', async () => {
    ctx.server.route('/api/v1/search_by_date', body('search_by_date_nodejs'));
    const cfg = config({ query: 'nodejs', hitsPerPage: 20, backfillPages: 2 });
    const first = await hackerNewsConnector.fetchPage({
      config: cfg,
      cursor: null,
      http: ctx.http,
    });
    expect(first.mentions).toHaveLength(20);
    for (const m of first.mentions) normalizedMentionSchema.parse(m);
    const stories = first.mentions.filter((m) => m.title);
    expect(stories).toHaveLength(2);
    expect(stories[0]).toMatchObject({
      title: 'How to Build Your Own Blockchain Part 3 – Writing Nodes That Mine and Talk',
      score: 63,
      replies: 7,
      parentId: null,
    });
    const comment = first.mentions[0]!;
    expect(comment).toMatchObject({
      externalId: '15626146',
      url: 'https://news.ycombinator.com/item?id=15626146',
      author: { handle: 'markoshust' },
      title: null,
    });
    expect(comment.parentId).toMatch(/^\d+$/);
    expect(comment.threadId).toMatch(/^\d+$/);
    expect(comment.text).not.toMatch(/<p>|&#x27;/);
    expect(first.hasMore).toBe(true);

    ctx.server.route(
      (u) => u.searchParams.get('page') === '1',
      scripted.json({ hits: [], page: 1, nbPages: 50 }),
    );
    await hackerNewsConnector.fetchPage({ config: cfg, cursor: first.cursor, http: ctx.http });
    const params = query(ctx.server.requests.at(-1)!.url);
    expect(params.page).toBe('1');
    expect(params.numericFilters).toMatch(/^created_at_i<=\d{10}$/);
  });

  it('filters later polls with created_at_i above the newest item seen', async () => {
    ctx.server.route('/api/v1/search_by_date', body('search_by_date_comment_apple_hpp1'));
    const cfg = config({ query: 'apple', tags: 'comment', hitsPerPage: 1, backfillPages: 1 });
    const first = await hackerNewsConnector.fetchPage({
      config: cfg,
      cursor: null,
      http: ctx.http,
    });
    expect(first.mentions).toHaveLength(1);
    expect(first.hasMore).toBe(false);
    const newest = Math.floor(first.mentions[0]!.publishedAt!.getTime() / 1000);
    const again = await hackerNewsConnector.fetchPage({
      config: cfg,
      cursor: first.cursor,
      http: ctx.http,
    });
    expect(query(ctx.server.requests.at(-1)!.url)).toMatchObject({
      tags: 'comment',
      numericFilters: `created_at_i>=${newest}`,
    });
    // The recorded server ignores the filter and repeats the hit: it is not returned twice.
    expect(again.mentions).toEqual([]);
  });

  it('reads a page-2 response with an Ask HN story text', async () => {
    ctx.server.route('/api/v1/search_by_date', body('search_by_date_askhn_apple_page2'));
    const cfg = config({ query: 'apple', tags: 'ask_hn', backfillPages: 1 });
    const { mentions } = await hackerNewsConnector.fetchPage({
      config: cfg,
      cursor: null,
      http: ctx.http,
    });
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.title).toBeTruthy();
    expect(mentions[0]?.text.length).toBeGreaterThan(mentions[0]!.title!.length);
  });
});
