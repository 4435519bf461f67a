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
});
