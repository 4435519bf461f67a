import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { scripted, startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { waitFor } from '../support/test-db.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/connectors');
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as unknown;

// JSON platforms through the real queue and workers, against a local server on 127.0.0.1.
describe('polling JSON platforms: failures stay with their source, health stays true', () => {
  let app: TestApp;
  let server: ReplayServer;

  beforeAll(async () => {
    app = await startTestApp();
    server = await startReplayServer();
  });
  afterAll(async () => {
    await server?.close();
    await app?.stop();
  });

  const hits = (pathname: string) =>
    server.requests.filter((r) => r.url.split('?')[0] === pathname).length;
  const sourceRow = (id: string) =>
    app.database.db
      .selectFrom('sources')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  async function create(
    kind: string,
    name: string,
    config: Record<string, unknown>,
  ): Promise<string> {
    const res = await fetch(`${app.baseUrl}/api/v1/sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind,
        name,
        config: { baseUrl: server.url, backfillPages: 1, ...config },
        pollIntervalS: 3600,
      }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  async function pollOnce(sourceId: string, round: string) {
    const job = await app.deps.queues.enqueue(
      'source.poll',
      { sourceId },
      { jobId: `test-${sourceId}-${round}` },
    );
    return waitFor(`poll ${round} of source ${sourceId}`, async () => {
      const state = await job.getState();
      return state === 'completed' || state === 'failed' ? state : null;
    });
  }

  it('a Hacker News source refused with 401 fails alone while a Reddit source keeps flowing', async () => {
    server.route(
      '/api/v1/search_by_date',
      scripted.status(401, '{"message":"Invalid Application-ID or API key"}'),
    );
    server.route('/r/ecoute/new.json', scripted.json(fixture('reddit/listing-rtl-emoji.json')));
    const broken = await create('hackernews', 'HN with a revoked key', { query: 'ecoute' });
    const healthy = await create('reddit', 'r/ecoute', { mode: 'subreddit', subreddit: 'ecoute' });

    await waitFor(
      'the HN source to fail',
      async () => (await sourceRow(broken)).status === 'failed',
    );
    await waitFor(
      'the Reddit source to be polled',
      async () => (await sourceRow(healthy)).last_success_at,
    );

    const b = await sourceRow(broken);
    expect(b.last_error).toMatch(/^unauthorized: /);
    expect(b.next_poll_at).toBeNull();
    const stored = await app.database.db
      .selectFrom('mentions')
      .select('external_id')
      .where('source_id', '=', healthy)
      .execute();
    expect(stored.map((m) => m.external_id).sort()).toEqual(['t1_c2', 't3_p1']);

    // Polling the failed source again asks nothing of the platform until an admin edits it.
    const before = hits('/api/v1/search_by_date');
    await pollOnce(broken, 'after-failure');
    expect(hits('/api/v1/search_by_date')).toBe(before);

    // After a poll finishes, the next one is due one interval later.
    const h = await sourceRow(healthy);
    const due = h.next_poll_at!.getTime() - h.last_success_at!.getTime();
    expect(due).toBeGreaterThan(3590_000);
    expect(due).toBeLessThan(3610_000);

    // The health table says so.
    const res = await fetch(`${app.baseUrl}/api/v1/sources`, {
      headers: { authorization: `Bearer ${app.readerKey}` },
    });
    const items = (
      (await res.json()) as {
        items: { id: string; health: string; throughput: { itemsLast24h: number } }[];
      }
    ).items;
    expect(items.find((s) => s.id === broken)).toMatchObject({ health: 'failed' });
    expect(items.find((s) => s.id === healthy)).toMatchObject({
      health: 'ok',
      throughput: { itemsLast24h: 2 },
    });
  });

  it('a rate-limited Bluesky source waits as told: next poll at the end of the wait, no request before', async () => {
    server.route('/xrpc/app.bsky.feed.searchPosts', scripted.tooManyRequests('120'));
    const id = await create('bluesky', 'Bluesky rate limited', { query: 'velia' });
    await waitFor('the 429 to be recorded', async () => (await sourceRow(id)).last_error);

    const s = await sourceRow(id);
    expect(s.status).toBe('active');
    expect(s.last_error).toMatch(/^rate_limited/);
    const wait = s.next_poll_at!.getTime() - s.last_error_at!.getTime();
    expect(wait).toBeGreaterThan(119_000);
    expect(wait).toBeLessThan(121_000);

    // A tick (or "poll now") inside the wait does not knock on the platform's door again.
    const before = hits('/xrpc/app.bsky.feed.searchPosts');
    const res = await fetch(`${app.baseUrl}/api/v1/sources/${id}/poll`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminKey}` },
    });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    await waitFor('the poll-now job to finish', async () => {
      const job = await app.deps.queues.queueOf('source.poll').getJob(jobId);
      return (await job?.getState()) === 'completed' ? job : null;
    });
    const job = await app.deps.queues.queueOf('source.poll').getJob(jobId);
    expect(job?.returnvalue).toMatchObject({ status: 'skipped' });
    expect(hits('/xrpc/app.bsky.feed.searchPosts')).toBe(before);
    expect((await sourceRow(id)).next_poll_at).toEqual(s.next_poll_at);

    const dto = (await (
      await fetch(`${app.baseUrl}/api/v1/sources/${id}`, {
        headers: { authorization: `Bearer ${app.readerKey}` },
      })
    ).json()) as { health: string };
    expect(dto.health).toBe('rate_limited');
  });

  it('a platform answering 500 gets one request per attempt, spaced by a growing backoff, then the job fails', async () => {
    server.route('/r/outage/new.json', scripted.status(500, 'upstream down'));
    const id = await create('reddit', 'r/outage', { mode: 'subreddit', subreddit: 'outage' });
    const queue = app.deps.queues.queueOf('source.poll');
    const failed = await waitFor(
      'the poll job to use up its attempts',
      async () => (await queue.getFailed()).find((j) => j.data.sourceId === id) ?? null,
      30_000,
    );
    const attempts = app.deps.config.JOB_ATTEMPTS;
    expect(failed.attemptsMade).toBe(attempts);
    const calls = server.requests.filter((r) => r.url.startsWith('/r/outage/new.json'));
    expect(calls).toHaveLength(attempts);
    // Exponential backoff with jitter: each gap at least half its window (200 ms × 2^n).
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    gaps.forEach((gap, n) => expect(gap).toBeGreaterThanOrEqual(100 * 2 ** n));
    const s = await sourceRow(id);
    expect(s.status).toBe('active');
    expect(s.last_error).toMatch(/^server_error/);
  });

  it('a source whose last page spent the quota makes no request until the quota resets', async () => {
    server.route(
      '/r/quota/new.json',
      scripted.json(fixture('reddit/listing-rtl-emoji.json'), {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': '100',
        'x-ratelimit-reset': '300',
      }),
    );
    const id = await create('reddit', 'r/quota', { mode: 'subreddit', subreddit: 'quota' });
    await waitFor('the first page to be stored', async () => (await sourceRow(id)).last_success_at);
    const s = await sourceRow(id);
    expect(s.quota).toMatchObject({ remaining: 0, limit: 100 });
    const reset = new Date((s.quota as { resetAt: string }).resetAt).getTime();
    expect(reset - s.last_success_at!.getTime()).toBeGreaterThan(290_000);
    expect(s.next_poll_at!.getTime()).toBeGreaterThanOrEqual(reset);

    const before = hits('/r/quota/new.json');
    const state = await pollOnce(id, 'inside-the-quota-wait');
    expect(state).toBe('completed');
    expect(hits('/r/quota/new.json')).toBe(before);
    const dto = (await (
      await fetch(`${app.baseUrl}/api/v1/sources/${id}`, {
        headers: { authorization: `Bearer ${app.readerKey}` },
      })
    ).json()) as { health: string };
    expect(dto.health).toBe('rate_limited');
  });

  it('a Reddit comment deleted by its author leaves the store and is never stored again', async () => {
    const comment = (id: string, created: number, body: string, author = 'noa') => ({
      kind: 't1',
      data: {
        name: `t1_${id}`,
        id,
        created_utc: created,
        author,
        body,
        link_id: 't3_p9',
        parent_id: 't3_p9',
        permalink: `/r/gone/comments/p9/_/${id}/`,
      },
    });
    const listing = (...children: unknown[]) => ({
      kind: 'Listing',
      data: { after: null, children },
    });
    server.route(
      '/r/gone/comments.json',
      scripted.json(listing(comment('g2', 1709370100, 'Je résilie, trop de pannes'))),
      scripted.json(
        listing(
          comment('g3', 1709370200, 'Toujours en panne chez moi aussi'),
          comment('g2', 1709370100, '[deleted]', '[deleted]'),
        ),
      ),
    );
    const id = await create('reddit', 'r/gone comments', { mode: 'comments', subreddit: 'gone' });
    const stored = (externalId: string) =>
      app.database.db
        .selectFrom('mentions')
        .select('id')
        .where('platform', '=', 'reddit')
        .where('external_id', '=', externalId)
        .executeTakeFirst();
    await waitFor('the comment to be stored', () => stored('t1_g2'));

    expect(await pollOnce(id, 'after-the-deletion')).toBe('completed');
    expect(await stored('t1_g2')).toBeUndefined();
    expect(await stored('t1_g3')).toBeDefined();
    const tombstone = await app.database.db
      .selectFrom('mention_tombstones')
      .selectAll()
      .where('external_id', '=', 't1_g2')
      .executeTakeFirstOrThrow();
    expect(tombstone).toMatchObject({ platform: 'reddit', origin: 'reddit' });

    // The same page again (a retry, another source on the same subreddit) stores nothing more.
    expect(await pollOnce(id, 'once-more')).toBe('completed');
    expect(await stored('t1_g2')).toBeUndefined();
  });
});
