import { mkdtemp } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { createApiKey } from '../../core/auth/api-keys.js';
import { testConfig, type Config } from '../../core/config/config.js';
import { createDb, type Db } from '../../core/db/database.js';
import { signWebhook } from '../../core/ingestion/webhook-signature.js';
import { createLogger } from '../../core/logger.js';
import { Queues, queueSettings } from '../../core/queue/queues.js';
import { SecretBox } from '../../core/security/secret-box.js';
import { redisUrl } from '../support/pg-url.js';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-services.js';
import { testQueuePrefix } from '../support/test-db.js';

/** Deliveries per address (and per source) per window in this test. */
const WEBHOOK_BUDGET = 8;

describe('every route while Postgres is down', () => {
  let postgres: PrivatePostgres;
  let db: Db;
  let queues: Queues;
  let server: Server;
  let base: string;
  let config: Config;
  let adminKey: string;
  let source: { id: string; webhookSecret: string };

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    db = createDb({ url: await postgres.createDatabase('ecoute_down'), max: 3 });
    const home = await mkdtemp(path.join(os.tmpdir(), 'ecoute-down-'));
    config = testConfig({
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: testQueuePrefix(),
      ECOUTE_HOME: home,
      WEBHOOK_RATE_LIMIT_MAX: WEBHOOK_BUDGET,
      RATE_LIMIT_MAX: 10_000,
    });
    queues = new Queues(queueSettings(config));
    const app = createApp({
      config,
      db,
      queues,
      secrets: await SecretBox.load(undefined, home),
      logger: createLogger('silent'),
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    adminKey = (await createApiKey(db, 'admin', 'admin')).key;
    const created = await fetch(`${base}/sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'webhook', name: 'pushed' }),
    });
    source = (await created.json()) as { id: string; webhookSecret: string };
    await postgres.stop('immediate');
  }, 120_000);
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await queues?.close();
    await db?.destroy();
    await postgres?.cleanup();
  });

  const delivery = (from: string) => {
    const body = JSON.stringify({
      eventId: `evt-${Math.random()}`,
      mentions: [
        {
          platform: 'zendesk',
          externalId: 'x1',
          text: 'panne',
          publishedAt: '2026-11-20T10:00:00Z',
        },
      ],
    });
    const ts = Math.floor(Date.now() / 1000);
    return fetch(`${base}/ingest`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': from,
        'x-ecoute-source': source.id,
        'x-ecoute-timestamp': String(ts),
        'x-ecoute-signature': signWebhook(source.webhookSecret, ts, body),
      },
      body,
    });
  };

  it('answers reads, searches, logins, writes and the webhook with 503 and Retry-After', async () => {
    const auth = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
    const requests: [string, string, RequestInit][] = [
      ['GET /mentions', `${base}/mentions`, { headers: auth }],
      ['GET /mentions?q=box', `${base}/mentions?q=box`, { headers: auth }],
      ['GET /sources', `${base}/sources`, { headers: auth }],
      ['GET /customers', `${base}/customers`, { headers: auth }],
      [
        'POST /session',
        `${base}/session`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ apiKey: adminKey }),
        },
      ],
      [
        'POST /topics',
        `${base}/topics`,
        { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Box', query: 'box' }) },
      ],
    ];
    const answers: Record<string, [number, string | null, string]> = {};
    for (const [name, url, init] of requests) {
      const res = await fetch(url, init);
      const body = (await res.json()) as { error: { code: string } };
      answers[name] = [res.status, res.headers.get('retry-after'), body.error.code];
    }
    const webhook = await delivery('10.0.0.1');
    answers['POST /ingest'] = [
      webhook.status,
      webhook.headers.get('retry-after'),
      ((await webhook.json()) as { error: { code: string } }).error.code,
    ];
    for (const [name, answer] of Object.entries(answers)) {
      expect(answer, name).toEqual([503, '30', 'unavailable']);
    }
  });

  it('refuses a webhook flood with 429 before touching the database, per address and per source', async () => {
    // Postgres is down: a request that reached the source lookup would be answered 503.
    const statuses: number[] = [];
    for (let i = 0; i < WEBHOOK_BUDGET + 4; i++) {
      const res = await fetch(`${base}/ingest`, {
        method: 'POST',
        headers: { 'x-forwarded-for': '10.0.0.2', 'x-ecoute-source': `9${i}` },
        body: 'x'.repeat(1000),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, WEBHOOK_BUDGET)).toEqual(new Array(WEBHOOK_BUDGET).fill(503));
    expect(statuses.slice(WEBHOOK_BUDGET)).toEqual([429, 429, 429, 429]);

    // One source pushed from many addresses: its own budget (one was spent above).
    const spread: number[] = [];
    for (let i = 0; i < WEBHOOK_BUDGET; i++) spread.push((await delivery(`10.1.0.${i}`)).status);
    expect(spread.slice(0, WEBHOOK_BUDGET - 1)).toEqual(new Array(WEBHOOK_BUDGET - 1).fill(503));
    expect(spread[WEBHOOK_BUDGET - 1]).toBe(429);
  });
});
