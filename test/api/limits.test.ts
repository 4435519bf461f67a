import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { createDb } from '../../core/db/database.js';
import { loadConfig } from '../../core/config/config.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';

const json = (key: string | null, body: unknown, method = 'POST') => ({
  method,
  headers: {
    'content-type': 'application/json',
    ...(key ? { authorization: `Bearer ${key}` } : {}),
  },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('security headers and body caps', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ workers: false });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('serves the dashboards with a strict Content-Security-Policy and no X-Powered-By', async () => {
    for (const url of [`${app.baseUrl}/`, `${app.baseUrl}/api/v1/health`]) {
      const res = await fetch(url);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('refuses a JSON body over 1 MB with 413', async () => {
    const big = {
      kind: 'rss',
      name: 'x'.repeat(1024 * 1024 + 10),
      config: { url: 'https://example.org/' },
    };
    const res = await fetch(`${app.baseUrl}/api/v1/sources`, json(app.adminKey, big));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
    const n = await app.database.db
      .selectFrom('sources')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('refuses a webhook delivery over 5 MB with 413 before reading it further', async () => {
    const res = await fetch(
      `${app.baseUrl}/api/v1/ingest`,
      json(null, 'x'.repeat(5 * 1024 * 1024 + 1)),
    );
    expect(res.status).toBe(413);
  });

  it('accepts a webhook body between 1 MB and 5 MB as far as the signature check', async () => {
    const res = await fetch(
      `${app.baseUrl}/api/v1/ingest`,
      json(null, 'x'.repeat(2 * 1024 * 1024)),
    );
    // Not 413: the body was read; the missing signature is what refuses it.
    expect(res.status).toBe(401);
  });
});

describe('rate limits', () => {
  let app: TestApp;
  let second: Server;
  let secondUrl: string;

  beforeAll(async () => {
    app = await startTestApp({
      workers: false,
      config: { RATE_LIMIT_MAX: 5, LOGIN_RATE_LIMIT_MAX: 3 },
    });
    // A second API process on the same Redis and database: the counts are shared.
    const a = createApp({
      config: app.config,
      db: app.database.db,
      queues: app.deps.queues,
      secrets: app.deps.secrets,
      logger: app.deps.logger,
    });
    second = await new Promise((resolve) => {
      const s = a.listen(0, '127.0.0.1', () => resolve(s));
    });
    secondUrl = `http://127.0.0.1:${(second.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    second?.closeAllConnections();
    await new Promise((r) => second?.close(r));
    await app?.stop();
  });

  const get = (base: string, key?: string) =>
    fetch(`${base}/api/v1/mentions`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

  it('answers 429 with Retry-After once a key has used its budget, across two API processes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(app.baseUrl, app.readerKey)).status);
    for (let i = 0; i < 2; i++) statuses.push((await get(secondUrl, app.readerKey)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await get(secondUrl, app.readerKey);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(app.config.RATE_LIMIT_WINDOW_S);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await get(app.baseUrl, app.readerKey)).status).toBe(429);
    // Another key has its own budget.
    expect((await get(app.baseUrl, app.adminKey)).status).toBe(200);
  });

  it('counts unauthenticated requests per IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${app.baseUrl}/api/v1/health`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe('login throttling', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ workers: false, config: { LOGIN_RATE_LIMIT_MAX: 3 } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers refused keys with 429 past the budget, and still lets the right key in', async () => {
    const login = (apiKey: string) =>
      fetch(`${app.baseUrl}/api/v1/session`, json(null, { apiKey }));
    // A successful login does not count against the refused-credential budget.
    expect((await login(app.adminKey)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await login(`wrong-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const blocked = await login('wrong-again');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(60);
    // Guessing bearer keys draws on the same budget.
    const guess = await fetch(`${app.baseUrl}/api/v1/mentions`, {
      headers: { authorization: 'Bearer guessed' },
    });
    expect(guess.status).toBe(429);
    // The right key, from the same address, is never blocked.
    expect((await login(app.adminKey)).status).toBe(200);
    const valid = await fetch(`${app.baseUrl}/api/v1/mentions`, {
      headers: { authorization: `Bearer ${app.readerKey}` },
    });
    expect(valid.status).toBe(200);
  });
});

describe('database statement timeout', () => {
  it('is read from DB_STATEMENT_TIMEOUT_MS and cancels a longer statement', async () => {
    const config = loadConfig({ DB_STATEMENT_TIMEOUT_MS: '200' });
    expect(config.DB_STATEMENT_TIMEOUT_MS).toBe(200);
    expect(loadConfig({}).DB_STATEMENT_TIMEOUT_MS).toBe(30_000);
    const db = createDb({
      url: 'postgres://postgres@127.0.0.1:5432/postgres',
      max: 1,
      statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    });
    try {
      const started = Date.now();
      await expect(
        db.executeQuery({
          sql: 'select pg_sleep(2)',
          parameters: [],
          query: { kind: 'RawNode' },
        } as never),
      ).rejects.toThrow(/statement timeout/);
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await db.destroy();
    }
  });
});
