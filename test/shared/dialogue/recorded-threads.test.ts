import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isPostView, mapPost } from '../../../core/connectors/bluesky/bluesky.mapper.js';
import { isStatus, mapStatus } from '../../../core/connectors/mastodon/mastodon.mapper.js';
import { isThing, mapThing } from '../../../core/connectors/reddit/reddit.mapper.js';
import { processBatch } from '../../../core/dialogue/conversation-open.service.js';
import type { NormalizedMention } from '../../../core/mentions/normalized-mention.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.js';
import { conversationsOf, seedMentions } from '../../fixtures/dialogue/seed.js';

const fixture = (...parts: string[]) => {
  const dir = process.env.ECOUTE_SHARED_DIR;
  if (!dir) throw new Error('ECOUTE_SHARED_DIR is not set: run these suites through vitest');
  return JSON.parse(readFileSync(path.join(dir, 'fixtures', ...parts), 'utf8')) as unknown;
};

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());
beforeEach(async () => {
  await sql`truncate conversations, mentions, authors restart identity cascade`.execute(
    database.db,
  );
});

/** Stores mapped mentions; the one at `flagged` is analysed as dissatisfied, the others calm. */
async function store(mentions: NormalizedMention[], flagged: number) {
  return seedMentions(
    database.db,
    mentions.map((m, i) => ({
      platform: m.platform,
      externalId: m.externalId,
      author: m.author?.handle ?? 'unknown',
      text: m.text || '(empty)',
      publishedAt: new Date(Date.now() - (mentions.length - i) * 60_000),
      parent: m.parentId ?? null,
      thread: m.threadId ?? null,
      raw: m.raw,
      analysis: i === flagged ? { dissatisfied: true } : {},
    })),
  );
}

type Listing = { data: { children: unknown[] } };
function redditTree(listing: Listing): unknown[] {
  return listing.data.children.flatMap((c) => {
    const replies = (c as { data?: { replies?: unknown } }).data?.replies;
    return [c, ...(replies && typeof replies === 'object' ? redditTree(replies as Listing) : [])];
  });
}

type ThreadView = { post?: unknown; replies?: ThreadView[] };
const blueskyTree = (t: ThreadView): unknown[] => [
  t.post,
  ...(t.replies ?? []).flatMap(blueskyTree),
];

describe('threads assembled from recorded reply chains', () => {
  it('gathers a Mastodon context (reply and reply-to-reply) under the root status', async () => {
    const context = fixture('mastodon', 'status_context_replies.json') as {
      descendants: unknown[];
    };
    const mentions = context.descendants
      .filter(isStatus)
      .map((s) => mapStatus(s, 'fosstodon.org'))
      .filter((m): m is NormalizedMention => m !== null);
    expect(mentions).toHaveLength(3);
    const ids = await store(mentions, 2);
    await processBatch(database.db, ids);
    const convs = await conversationsOf(database.db);
    expect(convs).toHaveLength(1);
    expect(convs[0]).toMatchObject({
      thread_external_id: 'fosstodon.org:114026814291152535',
      messages: 3,
    });
  });

  it('gathers a Reddit comment tree (nested replies, "more" stubs skipped) under the submission', async () => {
    const [post, comments] = fixture('reddit', 'submission_3hahrw_comment_tree.json') as [
      Listing,
      Listing,
    ];
    const things = [...post.data.children, ...redditTree(comments)].filter(isThing);
    const mentions = things.map(mapThing).filter((m): m is NormalizedMention => m !== null);
    const ids = await store(mentions, mentions.length - 1);
    await processBatch(database.db, ids);
    const convs = await conversationsOf(database.db);
    expect(convs).toHaveLength(1);
    expect(convs[0]).toMatchObject({ thread_external_id: 't3_3hahrw', messages: mentions.length });
    expect(mentions.length).toBeGreaterThan(5);
  });

  it('gathers a small Reddit thread posted earlier once a reply flags it', async () => {
    const [post, comments] = fixture('reddit', 'submission_2gmzqe_comments.json') as [
      Listing,
      Listing,
    ];
    const mentions = [...post.data.children, ...redditTree(comments)]
      .filter(isThing)
      .map(mapThing)
      .filter((m): m is NormalizedMention => m !== null);
    expect(mentions).toHaveLength(3);
    const ids = await store(mentions, 2);
    // The submission and first comment arrive in an earlier batch that flags nothing.
    await processBatch(database.db, ids.slice(0, 2));
    expect(await conversationsOf(database.db)).toHaveLength(0);
    await processBatch(database.db, ids.slice(2));
    expect(await conversationsOf(database.db)).toMatchObject([
      { thread_external_id: 't3_2gmzqe', messages: 3 },
    ]);
  });

  it('gathers a Bluesky nested thread under its root URI', async () => {
    const thread = fixture(
      'bluesky',
      'getPostThread_deep_atproto_snapshot.thread.json',
    ) as ThreadView;
    const mentions = blueskyTree(thread)
      .filter(isPostView)
      .map(mapPost)
      .filter((m): m is NormalizedMention => m !== null);
    expect(mentions.length).toBeGreaterThanOrEqual(4);
    const ids = await store(mentions, mentions.length - 1);
    await processBatch(database.db, ids);
    const convs = await conversationsOf(database.db);
    expect(convs).toHaveLength(1);
    expect(convs[0]).toMatchObject({
      thread_external_id: mentions[0]?.externalId,
      messages: mentions.length,
    });
  });
});
