import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../core/ingestion/webhook-signature.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { counts } from './counts.js';

/** Addresses a user-set URL must never reach: loopback, private, link-local, metadata, odd forms. */
const SSRF_MATRIX = [
  'http://127.0.0.1/feed',
  'http://localhost/feed',
  'http://127.1/feed',
  'http://2130706433/feed',
  'http://0x7f000001/feed',
  'http://0.0.0.0/feed',
  'http://10.0.0.1/feed',
  'http://172.16.0.1/feed',
  'http://192.168.1.1/feed',
  'http://100.64.0.1/feed',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::1]/feed',
  'http://[::ffff:127.0.0.1]/feed',
  'http://[fd00::1]/feed',
  'http://[fe80::1]/feed',
  'http://user:pass@127.0.0.1/feed',
  'file:///etc/passwd',
  'gopher://127.0.0.1:6379/_INFO',
  'ftp://10.0.0.1/feed',
];

describe('hostile input at the API', () => {
  let app: TestApp;
  const h = (key: string) => ({
    authorization: `Bearer ${key}`,
    'content-type': 'application/json',
  });
  const send = (method: string, path: string, body: unknown) =>
    fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: h(app.adminKey),
      body: JSON.stringify(body),
    });
  const sourceCount = async () =>
    Number(
      (
        await app.database.db
          .selectFrom('sources')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    // No allow-list: the test's own 127.0.0.1 servers are as forbidden as anyone's.
    app = await startTestApp({ workers: false, config: { OUTBOUND_ALLOW_HOSTS: [] } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it.each(SSRF_MATRIX)('refuses %s as an RSS feed URL', async (url) => {
    const created = await send('POST', '/sources', { kind: 'rss', name: 'ssrf', config: { url } });
    expect(created.status).toBe(400);
    const err = ((await created.json()) as { error: { details: { field: string }[] } }).error;
    expect(err.details.map((d) => d.field)).toContain('config.url');
    expect(await sourceCount()).toBe(0);
  });

  it.each(SSRF_MATRIX)('refuses %s as a Mastodon instance', async (url) => {
    const res = await send('POST', '/sources', {
      kind: 'mastodon',
      name: 'ssrf',
      config: { instance: url, mode: 'hashtag', tag: 'velia' },
    });
    expect(res.status).toBe(400);
    const err = ((await res.json()) as { error: { details: { field: string }[] } }).error;
    expect(err.details.map((d) => d.field)).toContain('config.instance');
    expect(await sourceCount()).toBe(0);
  });

  it('refuses an edit that points an existing source at a private address, and keeps the old URL', async () => {
    const ok = await send('POST', '/sources', {
      kind: 'rss',
      name: 'public',
      config: { url: 'https://feeds.example.org/velia.xml' },
    });
    expect(ok.status).toBe(201);
    const { id } = (await ok.json()) as { id: string };
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:6379/',
      'http://10.1.2.3/',
    ]) {
      const res = await send('PATCH', `/sources/${id}`, { config: { url } });
      expect(res.status).toBe(400);
    }
    const row = await app.database.db
      .selectFrom('sources')
      .select('config')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.config).toEqual({ url: 'https://feeds.example.org/velia.xml' });
    await app.database.db.deleteFrom('sources').where('id', '=', id).execute();
  });

  it('refuses fields the schema does not name (mass assignment), naming them, and changes nothing', async () => {
    const attempts: [string, string, Record<string, unknown>][] = [
      ['POST', '/sources', { kind: 'webhook', name: 'x', id: '1' }],
      ['POST', '/sources', { kind: 'webhook', name: 'x', itemsTotal: 1_000_000 }],
      ['POST', '/sources', { kind: 'webhook', name: 'x', status: 'failed' }],
      ['POST', '/sources', { kind: 'webhook', name: 'x', secretSealed: 'abc' }],
      ['POST', '/topics', { name: 'Box', query: 'box', id: '42' }],
      ['POST', '/session', { apiKey: app.readerKey, role: 'admin' }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await send(method, path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      const err = ((await res.json()) as { error: { code: string; message: string } }).error;
      expect(err.code).toBe('validation_failed');
    }
    expect(await sourceCount()).toBe(0);

    const created = await send('POST', '/sources', { kind: 'webhook', name: 'bridge' });
    const { id } = (await created.json()) as { id: string };
    for (const patch of [
      { itemsTotal: 5 },
      { kind: 'rss' },
      { cursor: { page: 9 } },
      { id: '7' },
      { lastError: null },
    ]) {
      const res = await send('PATCH', `/sources/${id}`, patch);
      expect(res.status, JSON.stringify(patch)).toBe(400);
    }
    const row = await app.database.db
      .selectFrom('sources')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect({ kind: row.kind, items: Number(row.items_total), cursor: row.cursor }).toEqual({
      kind: 'webhook',
      items: 0,
      cursor: null,
    });
    await app.database.db.deleteFrom('sources').where('id', '=', id).execute();
  });

  it('answers a byte-for-byte replay of a stored webhook delivery without storing it again', async () => {
    const created = await send('POST', '/sources', { kind: 'webhook', name: 'replayed' });
    const { id, webhookSecret } = (await created.json()) as { id: string; webhookSecret: string };
    const body = JSON.stringify({
      eventId: 'evt-replay',
      mentions: [
        {
          platform: 'zendesk',
          externalId: 'r1',
          text: 'Ma box ne marche plus',
          publishedAt: '2026-11-20T10:00:00Z',
        },
      ],
    });
    const ts = Math.floor(Date.now() / 1000);
    const request = () =>
      fetch(`${app.baseUrl}/api/v1/ingest`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-ecoute-source': id,
          'x-ecoute-timestamp': String(ts),
          'x-ecoute-signature': signWebhook(webhookSecret, ts, body),
        },
        body,
      });
    expect((await request()).status).toBe(202);
    const before = await counts(app.database.db);
    for (let i = 0; i < 3; i++) {
      const replay = await request();
      expect(replay.status).toBe(200);
      expect(await replay.json()).toMatchObject({
        eventId: 'evt-replay',
        duplicate: true,
        stored: 0,
      });
    }
    // The same signature over a tampered body (another event id) is refused outright.
    const tampered = await fetch(`${app.baseUrl}/api/v1/ingest`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ecoute-source': id,
        'x-ecoute-timestamp': String(ts),
        'x-ecoute-signature': signWebhook(webhookSecret, ts, body),
      },
      body: body.replace('evt-replay', 'evt-replay-2'),
    });
    expect(tampered.status).toBe(401);
    expect(await counts(app.database.db)).toEqual(before);
    expect(before.mentions).toBe(1);
  });
});
