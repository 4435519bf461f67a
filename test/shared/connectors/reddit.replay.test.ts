import { describe, expect, it } from 'vitest';
import { redditConnector } from '../../../core/connectors/reddit/reddit.connector.js';
import { normalizedMentionSchema } from '../../../core/mentions/normalized-mention.js';
import { recorded, scripted } from '../../support/replay-server.js';
import { query, useReplayServer } from './replay-context.js';
import { sharedFixture } from './shared-fixtures.js';

const ctx = useReplayServer();
const rec = (name: string) =>
  recorded(
    sharedFixture('reddit', `${name}.json`),
    sharedFixture('reddit', `${name}.headers.json`),
  );

function config(extra: Record<string, unknown>) {
  return redditConnector.configSchema.parse({ baseUrl: ctx.server.url, ...extra });
}

describe('redditConnector replaying recorded listings', () => {
  it('maps 100 new posts of r/AskReddit and pages backfill with `after`', async () => {
    ctx.server.route('/r/askreddit/new.json', rec('r_askreddit_new'));
    const cfg = config({ mode: 'subreddit', subreddit: 'r/askreddit', backfillPages: 2 });
    const first = await redditConnector.fetchPage({ config: cfg, cursor: null, http: ctx.http });
    expect(first.mentions).toHaveLength(100);
    for (const m of first.mentions) normalizedMentionSchema.parse(m);
    expect(query(ctx.server.requests.at(-1)!.url)).toMatchObject({ limit: '100', raw_json: '1' });
    expect(first.mentions[0]).toMatchObject({
      platform: 'reddit',
      externalId: 't3_48fbm9',
      title:
        "[Serious] Parents of Reddit, what's the biggest lie about yourself you've told your kids?",
      author: { handle: 'RedHeadQc' },
      replies: 1,
      score: 1,
    });
    expect(first.mentions[0]?.publishedAt?.toISOString()).toBe('2016-03-01T08:37:38.000Z');
    expect(first.hasMore).toBe(true);

    ctx.server.route(
      (u) => u.searchParams.get('after') === 't3_48f6io',
      scripted.json({ kind: 'Listing', data: { children: [], after: null } }),
    );
    const second = await redditConnector.fetchPage({
      config: cfg,
      cursor: first.cursor,
      http: ctx.http,
    });
    expect(query(ctx.server.requests.at(-1)!.url).after).toBe('t3_48f6io');
    expect(second).toMatchObject({ mentions: [], hasMore: false });
  });

  it('maps comments with their parent and thread ids', async () => {
    ctx.server.route('/r/askreddit/comments.json', rec('r_askreddit_comments'));
    const cfg = config({ mode: 'comments', subreddit: 'askreddit', backfillPages: 1 });
    const { mentions } = await redditConnector.fetchPage({
      config: cfg,
      cursor: null,
      http: ctx.http,
    });
    expect(mentions).toHaveLength(100);
    expect(mentions[0]).toMatchObject({
      externalId: 't1_d4y8bdp',
      parentId: 't3_4r4inc',
      threadId: 't3_4r4inc',
      url: 'https://www.reddit.com/comments/4r4inc/_/d4y8bdp/',
      title: null,
    });
    expect(mentions.every((m) => m.threadId?.startsWith('t3_'))).toBe(true);
    expect(mentions.some((m) => m.parentId?.startsWith('t1_'))).toBe(true);
  });

  it('searches, restricted to a subreddit when one is given', async () => {
    ctx.server.route('/search.json', rec('r_all_search'));
    const cfg = config({ mode: 'search', query: 'praw oauth search', backfillPages: 3 });
    const page = await redditConnector.fetchPage({ config: cfg, cursor: null, http: ctx.http });
    expect(query(ctx.server.requests.at(-1)!.url)).toMatchObject({
      q: 'praw oauth search',
      sort: 'new',
    });
    expect(page.mentions).toHaveLength(6);
    // after: null on the recorded page: nothing older to backfill.
    expect(page.hasMore).toBe(false);
    expect(page.mentions[0]?.text).toContain('Problem solved');

    ctx.server.route('/r/redditdev/search.json', rec('r_all_search'));
    const scoped = config({ mode: 'search', query: 'praw', subreddit: 'redditdev' });
    await redditConnector.fetchPage({ config: scoped, cursor: null, http: ctx.http });
    expect(query(ctx.server.requests.at(-1)!.url)).toMatchObject({ restrict_sr: '1' });
  });
});
