import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords, importSource } from '../../core/ingestion/file-import.js';
import { readJsonLines } from '../../core/ingestion/record-parsers.js';
import { signWebhook } from '../../core/ingestion/webhook-signature.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { waitFor } from '../support/test-db.js';
import { counts } from './counts.js';

const GUID = 'https://velia.example/blog/panne-2026-11-20';
const FEED = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Blog</title>
<link>https://velia.example/</link><description>d</description>
<item><title>Panne</title><guid isPermaLink="false">${GUID}</guid><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>
<description>La box Vélia coupe encore, je vais résilier.</description></item></channel></rss>`;

describe('the same mention delivered by webhook, by import and by polling', () => {
  let app: TestApp;
  let feeds: FeedServer;

  beforeAll(async () => {
    feeds = await startFeedServer();
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
    await feeds?.close();
  });

  it('is stored as one row and analysed once', async () => {
    const mention = {
      platform: 'rss',
      externalId: GUID,
      text: 'La box Vélia coupe encore, je vais résilier.',
      publishedAt: '2026-11-20T10:00:00Z',
    };
    const admin = { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' };
    const hook = await fetch(`${app.baseUrl}/api/v1/sources`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ kind: 'webhook', name: 'bridge' }),
    });
    const { id: hookId, webhookSecret } = (await hook.json()) as {
      id: string;
      webhookSecret: string;
    };
    const body = JSON.stringify({ eventId: 'evt-3ways', mentions: [mention] });
    const ts = Math.floor(Date.now() / 1000);
    const pushed = await fetch(`${app.baseUrl}/api/v1/ingest`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ecoute-source': hookId,
        'x-ecoute-timestamp': String(ts),
        'x-ecoute-signature': signWebhook(webhookSecret, ts, body),
      },
      body,
    });
    expect(await pushed.json()).toMatchObject({ stored: 1, duplicates: 0 });

    const deps = {
      db: app.database.db,
      queues: app.deps.queues,
      logger: app.deps.logger,
      analyzeBatchSize: 100,
    };
    const imported = await importRecords(
      deps,
      await importSource(app.database.db, 'CRM'),
      readJsonLines(Readable.from([JSON.stringify(mention) + '\n'])),
    );
    expect(imported).toMatchObject({ read: 1, accepted: 0, duplicates: 1, rejectedCount: 0 });

    feeds.set('/blog.xml', 200, FEED);
    const rss = await fetch(`${app.baseUrl}/api/v1/sources`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ kind: 'rss', name: 'blog', config: { url: feeds.url('/blog.xml') } }),
    });
    expect(rss.status).toBe(201);
    const { id: rssId } = (await rss.json()) as { id: string };
    await waitFor(
      'the poll to succeed',
      async () => {
        const s = await app.database.db
          .selectFrom('sources')
          .select('last_success_at')
          .where('id', '=', rssId)
          .executeTakeFirstOrThrow();
        return s.last_success_at !== null;
      },
      30_000,
      100,
    );

    await app.waitForAnalysis();
    expect(await counts(app.database.db)).toEqual({
      mentions: 1,
      distinctMentions: 1,
      analyses: 1,
    });
    const row = await app.database.db
      .selectFrom('mentions')
      .select(['platform', 'external_id', 'source_id'])
      .executeTakeFirstOrThrow();
    // The first way in keeps the row; the later ones are counted as duplicates, not stored.
    expect(row).toEqual({ platform: 'rss', external_id: GUID, source_id: hookId });
    const rssRow = await app.database.db
      .selectFrom('sources')
      .select('items_total')
      .where('id', '=', rssId)
      .executeTakeFirstOrThrow();
    expect(Number(rssRow.items_total)).toBe(0);
  });
});
