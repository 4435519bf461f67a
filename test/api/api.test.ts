import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { createLogger } from '../../core/logger.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { generateMentions } from '../support/generate-mentions.js';

describe('the HTTP API', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ workers: false });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const call = (
    method: string,
    path: string,
    opts: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(opts.key === null ? {} : { authorization: `Bearer ${opts.key ?? app.adminKey}` }),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });

  it('answers readiness with the state of Postgres and Redis', async () => {
    const res = await call('GET', '/ready', { key: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { postgres: 'up', redis: 'up' } });
  });

  it('refuses requests without a key, with a bad key, and writes by a reader', async () => {
    expect((await call('GET', '/sources', { key: null })).status).toBe(401);
    const bad = await call('GET', '/sources', { key: 'ek_not-a-key' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({
      error: { code: 'unauthorized', message: 'unknown or revoked API key', details: [] },
    });
    const write = await call('POST', '/topics', {
      key: app.readerKey,
      body: { name: 'x', query: 'velia' },
    });
    expect(write.status).toBe(403);
    expect((await call('GET', '/topics', { key: app.readerKey })).status).toBe(200);
  });

  it('validates source settings, naming the field and the reason', async () => {
    const res = await call('POST', '/sources', {
      body: { kind: 'rss', name: 'x', config: { url: 'ftp://example.org/feed' } },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { field: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details[0]!.field).toMatch(/^config\.url/);

    const unknown = await call('POST', '/sources', { body: { kind: 'fax', name: 'x' } });
    expect(unknown.status).toBe(400);
    expect(
      ((await unknown.json()) as { error: { details: { field: string }[] } }).error.details[0]!
        .field,
    ).toBe('kind');

    const extra = await call('POST', '/sources', {
      body: { kind: 'webhook', name: 'x', status: 'failed', itemsTotal: 5 },
    });
    expect(extra.status).toBe(400);
  });

  it('refuses a feed URL that points inside the network', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.1/feed',
      'http://[::1]/x',
    ]) {
      const res = await call('POST', '/sources', {
        body: { kind: 'rss', name: 'x', config: { url } },
      });
      expect(res.status, url).toBe(400);
    }
    const count = await app.database.db
      .selectFrom('sources')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('creates, edits and deletes a topic, refusing a query that does not parse with its position', async () => {
    const bad = await call('POST', '/topics', {
      body: { name: 'Vélia', query: '(velia OR "vélia box"' },
    });
    expect(bad.status).toBe(400);
    const err = ((await bad.json()) as { error: { message: string; details: { field: string }[] } })
      .error;
    expect(err.details[0]!.field).toBe('query');
    expect(err.message).toMatch(/position/);

    const created = await call('POST', '/topics', {
      body: { name: 'Vélia', query: 'velia OR "vélia box"' },
    });
    expect(created.status).toBe(201);
    const topic = (await created.json()) as { id: string; name: string };
    const dup = await call('POST', '/topics', { body: { name: 'Vélia', query: 'velia' } });
    expect(dup.status).toBe(409);
    const edited = await call('PATCH', `/topics/${topic.id}`, {
      body: { query: 'velia AND NOT job' },
    });
    expect(((await edited.json()) as { query: string }).query).toBe('velia AND NOT job');
    expect((await call('DELETE', `/topics/${topic.id}`)).status).toBe(204);
    expect((await call('GET', `/topics/${topic.id}`)).status).toBe(404);
    expect((await call('GET', '/topics/not-a-number')).status).toBe(404);
  });

  it('lists mentions newest first with keyset pages that cover everything once', async () => {
    await ingest(
      { db: app.database.db, queues: null, logger: createLogger('silent'), analyzeBatchSize: 500 },
      { sourceId: null, mentions: generateMentions(25, 0) },
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call('GET', `/mentions?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      const page = (await res.json()) as {
        items: { externalId: string; publishedAt: string }[];
        nextCursor: string | null;
      };
      seen.push(...page.items.map((i) => i.externalId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe('gen-24');

    const search = await call('GET', '/mentions?q=resilier');
    const found = (await search.json()) as { items: { text: string }[] };
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((i) => /résilier/.test(i.text))).toBe(true);

    const badFilter = await call('GET', '/mentions?sentiment=furious&limit=1000');
    expect(badFilter.status).toBe(400);
    const fields = (
      (await badFilter.json()) as { error: { details: { field: string }[] } }
    ).error.details.map((d) => d.field);
    expect(fields.sort()).toEqual(['limit', 'sentiment']);
  });

  it('answers daily stats with every day of the window present', async () => {
    const res = await call('GET', '/stats/daily?days=7');
    const { days } = (await res.json()) as { days: { day: string; total: number }[] };
    expect(days).toHaveLength(7);
    expect(days[6]!.day).toBe(new Date().toISOString().slice(0, 10));
  });

  it('logs the dashboards in with a session cookie that needs the CSRF header to write', async () => {
    const login = await call('POST', '/session', { key: null, body: { apiKey: app.adminKey } });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/ecoute_session=.+HttpOnly.+SameSite=Strict/i);
    const session = cookie.split(';')[0]!;
    const me = await call('GET', '/session', { key: null, headers: { cookie: session } });
    expect(await me.json()).toEqual({ name: 'test admin', role: 'admin' });
    const noCsrf = await call('POST', '/topics', {
      key: null,
      headers: { cookie: session },
      body: { name: 'a', query: 'b' },
    });
    expect(noCsrf.status).toBe(403);
    const withCsrf = await call('POST', '/topics', {
      key: null,
      headers: { cookie: session, 'x-requested-with': 'ecoute' },
      body: { name: 'a', query: 'bb' },
    });
    expect(withCsrf.status).toBe(201);
    const wrong = await call('POST', '/session', { key: null, body: { apiKey: 'ek_nope' } });
    expect(wrong.status).toBe(401);
  });

  it('serves an OpenAPI document that lists every route with its roles', async () => {
    const res = await call('GET', '/openapi.json', { key: null });
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { 'x-roles': unknown }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/sources/{id}']!.patch!['x-roles']).toEqual(['admin']);
    expect(doc.paths['/api/v1/mentions']!.get!['x-roles']).toEqual([
      'admin',
      'analyst',
      'agent',
      'viewer',
    ]);
    expect(Object.keys(doc.paths)).toContain('/api/v1/ingest');
  });

  it('answers unknown routes and malformed JSON with a JSON error', async () => {
    const nope = await call('GET', '/nope');
    expect(nope.status).toBe(404);
    const res = await fetch(`${app.baseUrl}/api/v1/topics`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });
});
