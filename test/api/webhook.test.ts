import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../core/ingestion/webhook-signature.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';

describe('the signed ingestion webhook', () => {
  let app: TestApp;
  let sourceId: string;
  let secret: string;

  beforeAll(async () => {
    app = await startTestApp({ workers: false });
    const res = await fetch(`${app.baseUrl}/api/v1/sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'webhook', name: 'Zendesk bridge' }),
    });
    const body = (await res.json()) as { id: string; webhookSecret: string };
    expect(res.status).toBe(201);
    expect(body.webhookSecret).toMatch(/^whsec_/);
    sourceId = body.id;
    secret = body.webhookSecret;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const payload = (eventId: string, ids: string[]) =>
    JSON.stringify({
      eventId,
      mentions: ids.map((id) => ({
        platform: 'zendesk',
        externalId: id,
        text: `Ticket ${id}: je ne comprends pas ma facture`,
        publishedAt: '2026-11-20T10:00:00Z',
        author: { id: `c-${id}`, handle: `client${id}` },
      })),
    });

  async function post(body: string, opts: { ts?: number; sig?: string; source?: string } = {}) {
    const ts = opts.ts ?? Math.floor(Date.now() / 1000);
    return fetch(`${app.baseUrl}/api/v1/ingest`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ecoute-source': opts.source ?? sourceId,
        'x-ecoute-timestamp': String(ts),
        'x-ecoute-signature': opts.sig ?? signWebhook(secret, ts, body),
      },
      body,
    });
  }

  const count = async () =>
    Number(
      (
        await app.database.db
          .selectFrom('mentions')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('stores a correctly signed delivery and answers 202 once it is stored', async () => {
    const res = await post(payload('evt-1', ['1', '2']));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({
      eventId: 'evt-1',
      duplicate: false,
      stored: 2,
      duplicates: 0,
      deleted: 0,
    });
    expect(await count()).toBe(2);
    expect(await app.deps.queues.byName.analyze.getWaitingCount()).toBe(1);
  });

  it('answers a replayed event id without storing anything again', async () => {
    const res = await post(payload('evt-1', ['1', '2', '3']));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ eventId: 'evt-1', duplicate: true, stored: 0 });
    expect(await count()).toBe(2);
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const body = payload('evt-2', ['9']);
    const res = await post(body, {
      sig: signWebhook('whsec_wrong', Math.floor(Date.now() / 1000), body),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_signature',
    );
    expect(await count()).toBe(2);
  });

  it('refuses a timestamp older than five minutes, even correctly signed', async () => {
    const old = Math.floor(Date.now() / 1000) - 301;
    const body = payload('evt-3', ['10']);
    const res = await post(body, { ts: old, sig: signWebhook(secret, old, body) });
    expect(res.status).toBe(401);
    const err = ((await res.json()) as { error: { message: string } }).error;
    expect(err.message).toMatch(/x-ecoute-timestamp is 30\d s away/);
    expect(await count()).toBe(2);
  });

  it('refuses an unknown source the same way as a bad signature', async () => {
    const res = await post(payload('evt-4', ['11']), { source: '999999' });
    expect(res.status).toBe(401);
  });

  it('names the field and the reason of an invalid mention, and stores none of the delivery', async () => {
    const body = JSON.stringify({
      eventId: 'evt-5',
      mentions: [
        {
          platform: 'zendesk',
          externalId: 'ok',
          text: 'fine',
          publishedAt: '2026-11-20T10:00:00Z',
        },
        { platform: 'zendesk', externalId: 'bad', text: '', publishedAt: 'yesterday' },
      ],
    });
    const res = await post(body);
    expect(res.status).toBe(400);
    const err = ((await res.json()) as { error: { details: { field: string; reason: string }[] } })
      .error;
    expect(err.details.map((d) => d.field)).toEqual(['mentions.1.text', 'mentions.1.publishedAt']);
    expect(await count()).toBe(2);
  });

  it('honours a platform delete event: the post and what names it go, and it is never stored again', async () => {
    const id = (
      await app.database.db
        .selectFrom('mentions')
        .select('id')
        .where('platform', '=', 'zendesk')
        .where('external_id', '=', '2')
        .executeTakeFirstOrThrow()
    ).id;
    await app.database.db
      .insertInto('label_corrections')
      .values({ mention_id: id, task: 'dissatisfied', label: 'true', lang: 'fr' })
      .execute();

    const del = JSON.stringify({
      eventId: 'evt-del-1',
      deleted: [
        { platform: 'zendesk', externalId: '2' },
        // Deleted before it ever reached Écoute: remembered all the same.
        { platform: 'zendesk', externalId: '42' },
      ],
    });
    const res = await post(del);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ eventId: 'evt-del-1', stored: 0, deleted: 2 });
    expect(await count()).toBe(1);
    const corrections = await app.database.db
      .selectFrom('label_corrections')
      .select('mention_id')
      .where('mention_id', '=', id)
      .execute();
    expect(corrections).toEqual([]);
    const tombstones = await app.database.db
      .selectFrom('mention_tombstones')
      .select(['platform', 'external_id', 'origin'])
      .orderBy('external_id')
      .execute();
    expect(tombstones).toEqual([
      { platform: 'zendesk', external_id: '2', origin: 'webhook' },
      { platform: 'zendesk', external_id: '42', origin: 'webhook' },
    ]);

    // The same posts delivered again (a retry upstream, a backfill) are not stored; others are.
    const again = await post(payload('evt-del-2', ['2', '42', '43']));
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ stored: 1 });
    const left = await app.database.db
      .selectFrom('mentions')
      .select('external_id')
      .orderBy('external_id')
      .execute();
    expect(left.map((m) => m.external_id)).toEqual(['1', '43']);

    // A repeated deletion changes nothing.
    const repeat = await post(del.replace('evt-del-1', 'evt-del-3'));
    expect(repeat.status).toBe(202);
    expect(await count()).toBe(2);
  });

  it('refuses a delivery with neither mentions nor deletions, naming the field', async () => {
    const res = await post(JSON.stringify({ eventId: 'evt-empty' }));
    expect(res.status).toBe(400);
    const err = ((await res.json()) as { error: { details: { field: string; reason: string }[] } })
      .error;
    expect(err.details).toEqual([
      { field: 'mentions', reason: 'a delivery carries at least one mention or one deletion' },
    ]);
  });
});
