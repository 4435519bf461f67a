import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processBatch } from '../../core/dialogue/conversation-open.service.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { waitFor } from '../support/test-db.js';
import { startFakePlatform, type FakePlatform } from '../fixtures/dialogue/fake-platforms.js';
import { minutesAgo, seedMentions } from '../fixtures/dialogue/seed.js';

const TOKEN = 'tok_secret_never_logged';
let app: TestApp;
let fake: FakePlatform;

beforeAll(async () => {
  // The platform answers the first post after 1.5 s; the client gives up after 300 ms.
  fake = await startFakePlatform(1_500);
  app = await startTestApp({ config: { REPLY_TIMEOUT_MS: 300 } });
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

async function conversationFor(
  kind: string,
  config: Record<string, unknown>,
  parent: { externalId: string; raw?: unknown; thread?: string },
) {
  const db = app.database.db;
  const source = await db
    .insertInto('sources')
    .values({
      kind,
      name: `${kind} test`,
      config: JSON.stringify(config),
      secret_sealed: app.deps.secrets.seal(TOKEN),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [mentionId] = await seedMentions(db, [
    {
      platform: kind,
      externalId: parent.externalId,
      author: `zoe-${kind}`,
      text: 'My connection keeps dropping',
      publishedAt: minutesAgo(5),
      sourceId: source.id,
      raw: parent.raw,
      thread: parent.thread ?? null,
      analysis: { dissatisfied: true },
    },
  ]);
  await processBatch(db, [mentionId!]);
  const conv = await db
    .selectFrom('conversations')
    .select('id')
    .where('platform', '=', kind)
    .executeTakeFirstOrThrow();
  return conv.id;
}

async function reply(conversationId: string, text: string, mode = 'platform') {
  return fetch(`${app.baseUrl}/api/v1/conversations/${conversationId}/replies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text, mode }),
  });
}

async function sentMessage(messageId: string) {
  return waitFor(
    `reply ${messageId} to be sent`,
    async () => {
      const m = await app.database.db
        .selectFrom('conversation_messages')
        .selectAll()
        .where('id', '=', messageId)
        .executeTakeFirstOrThrow();
      if (m.send_status === 'failed') throw new Error(`reply failed: ${m.last_error}`);
      return m.send_status === 'sent' ? m : null;
    },
    20_000,
  );
}

describe('replies sent on the platform arrive once', () => {
  it('posts a Mastodon reply once although the first attempt timed out after the server stored it', async () => {
    fake.posts.length = 0;
    const host = new URL(fake.url).host;
    const id = await conversationFor(
      'mastodon',
      { instance: fake.url, mode: 'hashtag', tag: 'velia' },
      { externalId: `${host}:100` },
    );
    const res = await reply(id, '@zoe sorry about this, we are checking your line');
    expect(res.status).toBe(202);
    const { id: messageId } = (await res.json()) as { id: string };
    const message = await sentMessage(messageId);
    const postsSent = fake.requests.filter((r) => r.path === '/api/v1/statuses');
    expect(fake.posts).toHaveLength(1);
    expect(postsSent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(postsSent.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(postsSent[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(postsSent[0]!.body)).toMatchObject({ in_reply_to_id: '100' });
    expect(message).toMatchObject({
      platform_external_id: `${host}:900`,
      attempts: postsSent.length,
    });
    const job = await app.deps.queues
      .queueOf('dialogue.reply-send')
      .getJob(`reply-send-${messageId}`);
    expect(job?.data).toEqual({ messageId });
    expect(JSON.stringify(job?.data)).not.toContain(TOKEN);
    const conv = await app.database.db
      .selectFrom('conversations')
      .select(['status', 'first_response_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(conv.status).toBe('pending');
    expect(conv.first_response_at).not.toBeNull();
  });

  it('posts a Bluesky reply once, with reply refs, by a deterministic record key found again on retry', async () => {
    fake.posts.length = 0;
    const uri = 'at://did:plc:zoe/app.bsky.feed.post/3kzoe';
    const raw = {
      uri,
      cid: 'bafyparent',
      record: {
        text: 'x',
        reply: {
          root: { uri: 'at://did:plc:r/app.bsky.feed.post/root', cid: 'bafyroot' },
          parent: { uri: 'at://p', cid: 'c' },
        },
      },
    };
    const id = await conversationFor(
      'bluesky',
      { baseUrl: fake.url, query: 'velia' },
      { externalId: uri, raw, thread: 'at://did:plc:r/app.bsky.feed.post/root' },
    );
    const res = await reply(id, 'Sorry Zoe — we are on it 🙏');
    const { id: messageId } = (await res.json()) as { id: string };
    const message = await sentMessage(messageId);
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0]?.record).toMatchObject({
      reply: {
        parent: { uri, cid: 'bafyparent' },
        root: { uri: 'at://did:plc:r/app.bsky.feed.post/root', cid: 'bafyroot' },
      },
    });
    expect(fake.requests.filter((r) => r.path.endsWith('getRecord')).length).toBeGreaterThanOrEqual(
      1,
    );
    expect(message.platform_external_id).toBe(fake.posts[0]?.uri);
  });

  it('posts a Reddit comment once: the retry finds the comment among the account’s own', async () => {
    fake.posts.length = 0;
    const id = await conversationFor(
      'reddit',
      { baseUrl: fake.url, mode: 'subreddit', subreddit: 'velia' },
      { externalId: 't3_q1' },
    );
    const res = await reply(id, 'Hi, Vélia support here: could you DM us your line number?');
    const { id: messageId } = (await res.json()) as { id: string };
    const message = await sentMessage(messageId);
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0]).toMatchObject({ parent_id: 't3_q1' });
    expect(fake.requests.filter((r) => r.path === '/api/comment')).toHaveLength(1);
    expect(message.platform_external_id).toBe('t1_reply0');
    expect(fake.requests.some((r) => r.path === '/api/v1/me')).toBe(true);
    expect(message.attempts).toBeGreaterThanOrEqual(2);
  });

  it('refuses a reply over the platform length limit, naming the field, and records an answer given elsewhere', async () => {
    const conv = await app.database.db
      .selectFrom('conversations')
      .select('id')
      .where('platform', '=', 'bluesky')
      .executeTakeFirstOrThrow();
    const tooLong = await reply(conv.id, 'é'.repeat(301));
    expect(tooLong.status).toBe(400);
    expect(
      ((await tooLong.json()) as { error: { details: { field: string }[] } }).error.details[0]
        ?.field,
    ).toBe('text');
    const elsewhere = await reply(conv.id, 'Called her on the phone', 'elsewhere');
    expect(elsewhere.status).toBe(202);
    expect(await elsewhere.json()).toMatchObject({ sendStatus: 'elsewhere' });
  });
});
