import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { waitFor } from '../support/test-db.js';

const FEED = path.resolve(import.meta.dirname, '../fixtures/feeds/velia-news.rss.xml');

describe('polling RSS feeds through the queue', () => {
  let app: TestApp;
  let feeds: FeedServer;
  let feedXml: string;

  beforeAll(async () => {
    app = await startTestApp();
    feeds = await startFeedServer();
    feedXml = await readFile(FEED, 'utf8');
  });
  afterAll(async () => {
    await app?.stop();
    await feeds?.close();
  });

  async function createSource(name: string, url: string): Promise<string> {
    const res = await fetch(`${app.baseUrl}/api/v1/sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'rss', name, config: { url }, pollIntervalS: 3600 }),
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
      if (state === 'failed')
        throw new Error(
          `poll failed: ${(await app.deps.queues.queueOf('source.poll').getJob(job.id!))?.failedReason}`,
        );
      return state === 'completed' ? state : null;
    });
  }

  const sourceRow = (id: string) =>
    app.database.db
      .selectFrom('sources')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('stores each item once across two polls and advances the cursor', async () => {
    feeds.set('/velia.xml', 200, feedXml);
    // A new source is polled at once by its scheduler.
    const id = await createSource('Vélia blog', feeds.url('/velia.xml'));
    await waitFor('the first scheduled poll', async () => (await sourceRow(id)).last_success_at);

    const afterFirst = await app.database.db
      .selectFrom('mentions')
      .select(['external_id', 'title'])
      .where('source_id', '=', id)
      .execute();
    expect(afterFirst.map((m) => m.external_id).sort()).toEqual([
      'velia-blog-101',
      'velia-blog-102',
      'velia-blog-103',
    ]);
    const cursor1 = await app.database.db
      .selectFrom('sources')
      .select(['cursor', 'items_total', 'last_success_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(cursor1.cursor).not.toBeNull();
    expect(Number(cursor1.items_total)).toBe(3);
    expect(cursor1.last_success_at).toBeInstanceOf(Date);

    // The feed gains one item; the second poll stores only it.
    const newer = feedXml.replace(
      '<item>',
      `<item><title>Le support a enfin répondu</title><link>https://blog.example.org/2026/11/support</link>
       <guid isPermaLink="false">velia-blog-104</guid><pubDate>Thu, 19 Nov 2026 09:00:00 +0000</pubDate>
       <description>Merci au support, problème réglé en dix minutes.</description></item><item>`,
    );
    feeds.set('/velia.xml', 200, newer);
    await pollOnce(id, 'second');

    const all = await app.database.db
      .selectFrom('mentions')
      .select('external_id')
      .where('source_id', '=', id)
      .execute();
    expect(all).toHaveLength(4);
    const source = await app.database.db
      .selectFrom('sources')
      .select(['cursor', 'items_total'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(source.items_total)).toBe(4);
    expect(source.cursor).not.toEqual(cursor1.cursor);
    expect(feeds.hits('/velia.xml')).toBe(2);
    // And every stored item is analysed.
    expect(await app.waitForAnalysis()).toBeGreaterThanOrEqual(4);
  });

  it('reads a feed with blank lines before its declaration and an unclosed item, noting both on its health', async () => {
    feeds.set(
      '/sloppy.xml',
      200,
      '\n\n  <?xml version="1.0" encoding="utf-8"?><rss><channel><item><guid>sloppy-1</guid><title>oops</title></channel></rss>',
      'application/xml',
    );
    const sloppy = await createSource('Sloppy feed', feeds.url('/sloppy.xml'));
    await waitFor(
      'the sloppy feed to be read',
      async () => (await sourceRow(sloppy)).last_success_at,
    );

    const stored = await app.database.db
      .selectFrom('mentions')
      .select(['external_id', 'title', 'date_unknown'])
      .where('source_id', '=', sloppy)
      .execute();
    expect(stored).toEqual([{ external_id: 'sloppy-1', title: 'oops', date_unknown: true }]);
    const res = await fetch(`${app.baseUrl}/api/v1/sources/${sloppy}`, {
      headers: { authorization: `Bearer ${app.readerKey}` },
    });
    const dto = (await res.json()) as {
      status: string;
      fetchNotes: { decoding: { encoding: string; source: string }; warnings: string[] };
    };
    expect(dto.status).toBe('active');
    expect(dto.fetchNotes.decoding).toMatchObject({ encoding: 'utf-8', source: 'declaration' });
    expect(dto.fetchNotes.warnings.join('\n')).toMatch(/blank lines before the first tag/);
    expect(dto.fetchNotes.warnings.join('\n')).toMatch(/not well-formed XML/);
  });

  it('marks a body that is no feed at all failed with a readable reason while other sources keep flowing', async () => {
    feeds.set(
      '/broken.xml',
      200,
      '<?xml version="1.0"?><html><body>Maintenance</body></html>',
      'application/xml',
    );
    feeds.set('/healthy.xml', 200, feedXml.replaceAll('velia-blog-', 'healthy-'));
    const broken = await createSource('Broken feed', feeds.url('/broken.xml'));
    const healthy = await createSource('Healthy feed', feeds.url('/healthy.xml'));

    await waitFor(
      'the broken feed to fail',
      async () => (await sourceRow(broken)).status === 'failed',
    );
    await waitFor(
      'the healthy feed to be polled',
      async () => (await sourceRow(healthy)).last_success_at,
    );

    const b = await app.database.db
      .selectFrom('sources')
      .selectAll()
      .where('id', '=', broken)
      .executeTakeFirstOrThrow();
    expect(b.status).toBe('failed');
    expect(b.last_error).toMatch(/invalid_payload/);
    expect(b.next_poll_at).toBeNull();
    const h = await app.database.db
      .selectFrom('mentions')
      .select('id')
      .where('source_id', '=', healthy)
      .execute();
    expect(h).toHaveLength(3);

    // A failed source is not polled again until an admin edits it.
    await pollOnce(broken, 'again');
    expect(feeds.hits('/broken.xml')).toBe(1);

    // The API shows the reason in the source's health.
    const res = await fetch(`${app.baseUrl}/api/v1/sources/${broken}`, {
      headers: { authorization: `Bearer ${app.readerKey}` },
    });
    const dto = (await res.json()) as { status: string; lastError: string };
    expect(dto.status).toBe('failed');
    expect(dto.lastError).toContain('invalid_payload');
  });
});
