import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { scripted, startReplayServer, type ReplayServer } from '../support/replay-server.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/connectors');
const hnPage = () =>
  scripted.json(
    JSON.parse(readFileSync(path.join(FIXTURES, 'hackernews/search-rtl-emoji.json'), 'utf8')),
  );

interface ApiError {
  error: { code: string; message: string; details: { field: string; reason: string }[] };
}

// Only 127.0.0.1 is allowed here, so `localhost` (a name resolving to loopback) must be refused.
describe('sources API: test a source, health, poll now, offline creation', () => {
  let app: TestApp;
  let server: ReplayServer;

  beforeAll(async () => {
    app = await startTestApp({ workers: false, config: { OUTBOUND_ALLOW_HOSTS: ['127.0.0.1'] } });
    server = await startReplayServer();
  });
  afterAll(async () => {
    await server?.close();
    await app?.stop();
  });

  const call = async <T = unknown>(
    method: string,
    p: string,
    body?: unknown,
    key = app.adminKey,
  ) => {
    const res = await fetch(`${app.baseUrl}/api/v1${p}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };

  const count = async (table: 'mentions' | 'sources' | 'authors') =>
    Number(
      (
        await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(
          app.database.db,
        )
      ).rows[0]!.n,
    );

  it('answers the normalised mentions one page would store, and stores nothing', async () => {
    server.route('/api/v1/search_by_date', hnPage());
    const res = await call<{
      ok: boolean;
      mentions: Record<string, unknown>[];
      config: Record<string, unknown>;
      hasMore: boolean;
    }>('POST', '/sources/test', {
      kind: 'hackernews',
      config: { baseUrl: server.url, query: 'ecoute' },
    });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    // The settings come back with their defaults, as they would be saved.
    expect(res.body.config).toMatchObject({
      baseUrl: server.url,
      query: 'ecoute',
      hitsPerPage: 100,
      backfillPages: 3,
    });
    expect(res.body.mentions).toHaveLength(2);
    expect(res.body.mentions[0]).toMatchObject({
      platform: 'hackernews',
      externalId: '501',
      text: 'Switched away — too slow 🐌\n\nSee status',
      links: ['https://status.example/'],
      parentId: '500',
      threadId: '400',
      author: { handle: 'dana' },
    });
    expect(res.body.mentions[0]).not.toHaveProperty('raw');
    expect(res.body.mentions[0]!.rawBytes).toBeGreaterThan(0);
    expect(res.body.mentions[1]).toMatchObject({ title: 'Show HN: שלום world', score: 12 });
    expect(server.requests.at(-1)!.url).toContain('query=ecoute');
    expect(await count('mentions')).toBe(0);
    expect(await count('authors')).toBe(0);
    expect(await count('sources')).toBe(0);
  });

  it('answers a failed fetch with the connector error code, its reason and what a poll would do', async () => {
    server.route('/api/v1/search_by_date', scripted.status(503, 'down for maintenance'));
    const down = await call<{
      ok: boolean;
      error: { code: string; reason: string; policy: string };
    }>('POST', '/sources/test', {
      kind: 'hackernews',
      config: { baseUrl: server.url, query: 'ecoute' },
    });
    expect(down.status).toBe(200);
    expect(down.body.ok).toBe(false);
    expect(down.body.error).toMatchObject({ code: 'server_error', policy: 'retry' });
    expect(down.body.error.reason).toContain('503');

    server.route('/xrpc/app.bsky.feed.searchPosts', scripted.status(401, 'auth required'));
    const denied = await call<{ ok: boolean; error: { code: string; policy: string } }>(
      'POST',
      '/sources/test',
      {
        kind: 'bluesky',
        config: { baseUrl: server.url, query: 'ecoute' },
      },
    );
    expect(denied.body).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', policy: 'give_up' },
    });

    server.route('/r/velia/new.json', scripted.htmlErrorPage());
    const html = await call<{ ok: boolean; error: { code: string } }>('POST', '/sources/test', {
      kind: 'reddit',
      config: { baseUrl: server.url, mode: 'subreddit', subreddit: 'velia' },
    });
    expect(html.body).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('refuses unsafe or invalid test settings with 400 naming the field, before any connection', async () => {
    const before = server.connections;
    const cases: [Record<string, unknown>, string][] = [
      [
        { kind: 'hackernews', config: { baseUrl: 'http://169.254.169.254', query: 'x' } },
        'config.baseUrl',
      ],
      [{ kind: 'rss', config: { url: 'http://[::1]:8080/feed' } }, 'config.url'],
      [{ kind: 'rss', config: { url: `http://localhost:${server.port}/feed` } }, 'config.url'],
      [{ kind: 'mastodon', config: { instance: server.url, mode: 'hashtag' } }, 'config.tag'],
      [{ kind: 'rss', config: { url: 'file:///etc/passwd' } }, 'config.url'],
    ];
    for (const [body, field] of cases) {
      const res = await call<ApiError>('POST', '/sources/test', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.map((d) => d.field)).toContain(field);
    }
    const localhost = await call<ApiError>('POST', '/sources/test', cases[2]![0]);
    expect(localhost.body.error.message).toMatch(/resolves to .*loopback/);
    expect(server.connections).toBe(before);
    expect((await call('POST', '/sources/test', { kind: 'webhook' })).status).toBe(400);
    expect(
      (
        await call(
          'POST',
          '/sources/test',
          { kind: 'rss', config: { url: server.url } },
          app.readerKey,
        )
      ).status,
    ).toBe(403);
  });

  it('creates sources whose host does not resolve (offline), and still refuses them at fetch time', async () => {
    // RFC 6761: .invalid never resolves, with or without network.
    const offline = await call<{ id: string; config: Record<string, unknown>; status: string }>(
      'POST',
      '/sources',
      {
        kind: 'reddit',
        name: 'Reddit behind a dead resolver',
        config: { baseUrl: 'https://reddit.example.invalid', mode: 'search', query: 'velia' },
      },
    );
    expect(offline.status).toBe(201);
    expect(offline.body.status).toBe('active');
    // The default public base URLs: accepted whether this machine can resolve them or not.
    for (const [kind, config] of [
      ['reddit', { mode: 'subreddit', subreddit: 'france' }],
      ['hackernews', { query: 'velia' }],
      ['bluesky', { query: 'velia' }],
    ] as const) {
      const res = await call<{ config: { baseUrl: string } }>('POST', '/sources', {
        kind,
        name: `default ${kind}`,
        config,
      });
      expect(res.status, kind).toBe(201);
      expect(res.body.config.baseUrl).toMatch(/^https:\/\//);
    }
    // Blocked addresses are still refused at creation.
    const blocked = await call<ApiError>('POST', '/sources', {
      kind: 'hackernews',
      name: 'metadata',
      config: { baseUrl: 'http://[::ffff:169.254.169.254]', query: 'x' },
    });
    expect(blocked.status).toBe(400);
    expect(blocked.body.error.details[0]!.field).toBe('config.baseUrl');
    // At fetch time the name must resolve, to a public address: a temporary network error.
    const fetch = await call<{ ok: boolean; error: { code: string; policy: string } }>(
      'POST',
      '/sources/test',
      {
        kind: 'reddit',
        config: { baseUrl: 'https://reddit.example.invalid', mode: 'search', query: 'velia' },
      },
    );
    expect(fetch.body).toMatchObject({ ok: false, error: { code: 'network', policy: 'retry' } });
  });

  it('shows health: items per hour over 24 h, quota, last error and the badge state', async () => {
    const created = await call<{
      id: string;
      health: string;
      throughput: { itemsPerHour: number };
    }>('POST', '/sources', {
      kind: 'hackernews',
      name: 'HN health',
      config: { baseUrl: server.url, query: 'velia' },
    });
    const id = created.body.id;
    expect(created.body.health).toBe('pending');
    expect(created.body.throughput.itemsPerHour).toBe(0);
    // 30 mentions this hour, 18 five hours ago, 7 two days ago (outside the window).
    await sql`
      insert into mentions (platform, external_id, source_id, text, published_at, ingested_at)
      select 'hackernews', 'h' || g, ${id}::bigint, 'text ' || g, now(),
        now() - case when g <= 30 then interval '1 minute' when g <= 48 then interval '5 hours 10 minutes' else interval '2 days' end
      from generate_series(1, 55) g
    `.execute(app.database.db);
    await sql`
      update sources set quota = ${JSON.stringify({ limit: 10000, remaining: 9876, resetAt: '2030-01-01T00:00:00.000Z' })}::jsonb,
        last_success_at = now() - interval '10 minutes', last_error_at = now(), last_error = 'server_error: HTTP 502'
      where id = ${id}::bigint
    `.execute(app.database.db);

    const list = await call<{
      items: {
        id: string;
        health: string;
        quota: unknown;
        lastError: string;
        throughput: { itemsPerHour: number; itemsLast24h: number; hourly: number[] };
      }[];
    }>('GET', '/sources', undefined, app.readerKey);
    const s = list.body.items.find((x) => x.id === id)!;
    expect(s.throughput.itemsLast24h).toBe(48);
    expect(s.throughput.itemsPerHour).toBe(2);
    expect(s.throughput.hourly).toHaveLength(24);
    expect(s.throughput.hourly[23]).toBe(30);
    expect(s.throughput.hourly[18]).toBe(18);
    expect(s.quota).toEqual({ limit: 10000, remaining: 9876, resetAt: '2030-01-01T00:00:00.000Z' });
    expect(s.health).toBe('erroring');
    expect(s.lastError).toBe('server_error: HTTP 502');
    // Other sources are listed with zero throughput, not missing.
    expect(
      list.body.items.filter((x) => x.id !== id).every((x) => x.throughput.itemsLast24h === 0),
    ).toBe(true);
    const one = await call<{ throughput: { itemsLast24h: number } }>(
      'GET',
      `/sources/${id}`,
      undefined,
      app.readerKey,
    );
    expect(one.body.throughput.itemsLast24h).toBe(48);
  });

  it('pauses, resumes and polls a source now, refusing to poll a paused or pushed one', async () => {
    const created = await call<{ id: string; nextPollAt: string }>('POST', '/sources', {
      kind: 'bluesky',
      name: 'Bluesky poll-now',
      config: { baseUrl: server.url, query: 'velia' },
      pollIntervalS: 3600,
    });
    const id = created.body.id;
    expect(created.body.nextPollAt).not.toBeNull();

    const paused = await call<{ status: string; health: string; nextPollAt: string | null }>(
      'PATCH',
      `/sources/${id}`,
      { status: 'paused' },
    );
    expect(paused.body).toMatchObject({ status: 'paused', health: 'paused', nextPollAt: null });
    const refused = await call<ApiError>('POST', `/sources/${id}/poll`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('resume it first');

    const resumed = await call<{ status: string; nextPollAt: string | null }>(
      'PATCH',
      `/sources/${id}`,
      { status: 'active' },
    );
    expect(resumed.body.status).toBe('active');
    expect(resumed.body.nextPollAt).not.toBeNull();

    const now = await call<{ sourceId: string; jobId: string }>('POST', `/sources/${id}/poll`);
    expect(now.status).toBe(202);
    expect(now.body.sourceId).toBe(id);
    const job = await app.deps.queues.queueOf('source.poll').getJob(now.body.jobId);
    expect(job?.data).toEqual({ sourceId: id });
    // A double click within seconds is the same job.
    const again = await call<{ jobId: string }>('POST', `/sources/${id}/poll`);
    expect(again.body.jobId).toBe(now.body.jobId);

    const hook = await call<{ id: string }>('POST', '/sources', {
      kind: 'webhook',
      name: 'pushed',
    });
    expect((await call('POST', `/sources/${hook.body.id}/poll`)).status).toBe(409);
    expect((await call('POST', '/sources/999999/poll')).status).toBe(404);
    expect((await call('POST', `/sources/${id}/poll`, undefined, app.readerKey)).status).toBe(403);
  });

  it('starts a changed source from a fresh cursor and keeps it when only the name changes', async () => {
    const created = await call<{ id: string }>('POST', '/sources', {
      kind: 'hackernews',
      name: 'HN retarget',
      config: { baseUrl: server.url, query: 'velia' },
    });
    const id = created.body.id;
    const cursor = JSON.stringify({ newest: 1709370000 });
    await sql`update sources set cursor = ${cursor}::jsonb where id = ${id}::bigint`.execute(
      app.database.db,
    );
    await call('PATCH', `/sources/${id}`, {
      name: 'HN retarget (renamed)',
      config: { baseUrl: server.url, query: 'velia' },
    });
    const kept = await app.database.db
      .selectFrom('sources')
      .select('cursor')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(kept.cursor).toEqual({ newest: 1709370000 });
    await call('PATCH', `/sources/${id}`, { config: { baseUrl: server.url, query: 'kappa' } });
    const reset = await app.database.db
      .selectFrom('sources')
      .select('cursor')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(reset.cursor).toBeNull();
  });
});
