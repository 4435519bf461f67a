import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInteractions } from '../../core/influence/interaction.repository.js';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { previewBody, type PreviewKind } from '../../core/sources/preview/preview.service.js';
import type { PreviewLine } from '../../core/sources/preview/preview-line.js';
import { loadStoredLines } from '../../core/sources/preview/stored-lines.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { scripted, startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { waitFor } from '../support/test-db.js';
import { sharedFixture } from '../shared/connectors/shared-fixtures.js';

const WILD = path.resolve(import.meta.dirname, '../fixtures/feeds/wild');

const THREADED = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">
  <title>Comments</title><link href="https://blog.example/"/>
  <entry><id>post-1</id><title>Le service client</title><author><name>Ana</name></author>
    <published>2026-11-30T09:00:00Z</published><content type="html">&lt;p&gt;Trop d’attente.&lt;/p&gt;</content></entry>
  <entry><id>comment-1</id><title>Re</title><author><name>Ben</name></author>
    <published>le lendemain matin</published><thr:in-reply-to ref="post-1"/>
    <content type="text">Pareil pour moi.</content></entry>
</feed>`;

describe('what a preview shows is what is stored', () => {
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

  async function previewApi(body: Record<string, unknown>, key = app.adminKey) {
    const res = await fetch(`${app.baseUrl}/api/v1/sources/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function pollFeed(url: string): Promise<string> {
    const res = await fetch(`${app.baseUrl}/api/v1/sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'rss', name: url, config: { url }, pollIntervalS: 3600 }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await waitFor(`the first poll of ${url}`, async () => {
      const row = await app.database.db
        .selectFrom('sources')
        .select(['last_success_at', 'last_error'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      if (row.last_error) throw new Error(row.last_error);
      return row.last_success_at;
    });
    return id;
  }

  it.each([
    [
      'an undeclared ISO-8859-1 feed with Portuguese dates',
      'rss-parser_uolNoticias.rss',
      'text/xml',
    ],
    ['a windows-1251 feed', 'node-feedparser_iconv.xml', 'application/rss+xml'],
  ])('stores %s exactly as previewed from its URL', async (_what, file, type) => {
    server.route(`/${file}`, scripted.xml(readFileSync(path.join(WILD, file)), type));
    const url = `${server.url}/${file}`;
    const preview = await previewApi({ kind: 'rss', url });
    expect(preview.status).toBe(200);
    const lines = preview.body.lines as PreviewLine[];
    expect(lines.length).toBeGreaterThan(0);

    await pollFeed(url);
    const stored = await loadStoredLines(
      app.database.db,
      'rss',
      lines.map((l) => l.external_id),
    );
    expect(stored).toEqual(lines);
  });

  it('stores an undated reply as undated, with its raw date and its parent, as previewed', async () => {
    server.route('/threaded.atom', scripted.xml(Buffer.from(THREADED), 'application/atom+xml'));
    const url = `${server.url}/threaded.atom`;
    const lines = (await previewApi({ kind: 'rss', url })).body.lines as PreviewLine[];
    expect(lines[1]).toMatchObject({
      external_id: 'comment-1',
      published_at: null,
      published_raw: 'le lendemain matin',
      in_reply_to: 'post-1',
    });

    const sourceId = await pollFeed(url);
    expect(await loadStoredLines(app.database.db, 'rss', ['post-1', 'comment-1'])).toEqual(lines);
    const row = await app.database.db
      .selectFrom('mentions')
      .select(['date_unknown', 'published_at', 'ingested_at'])
      .where('source_id', '=', sourceId)
      .where('external_id', '=', 'comment-1')
      .executeTakeFirstOrThrow();
    // Placed by the time it was stored, and marked so: never passed off as its date.
    expect(row.date_unknown).toBe(true);
    expect(Math.abs(row.published_at.getTime() - row.ingested_at.getTime())).toBeLessThan(60_000);

    const listed = await fetch(`${app.baseUrl}/api/v1/mentions?platform=rss&limit=100`, {
      headers: { authorization: `Bearer ${app.readerKey}` },
    });
    const items = ((await listed.json()) as { items: Record<string, unknown>[] }).items;
    expect(items.find((m) => m.externalId === 'comment-1')).toMatchObject({
      placedBy: 'fetch',
      publishedRaw: 'le lendemain matin',
    });
    expect(items.find((m) => m.externalId === 'post-1')).toMatchObject({ placedBy: 'published' });
  });

  const PAYLOADS: [string, PreviewKind, string[], string | undefined][] = [
    [
      'a Mastodon status context',
      'mastodon',
      ['mastodon', 'status_context_replies.json'],
      'https://fosstodon.org',
    ],
    ['a Hacker News item tree', 'hn', ['hn', 'items_17.json'], undefined],
    [
      'a Reddit comment tree',
      'reddit',
      ['reddit', 'submission_3hahrw_comment_tree.json'],
      undefined,
    ],
    [
      'a Bluesky author feed with reposts',
      'bluesky',
      ['bluesky', 'getAuthorFeed_chriskenny.json'],
      undefined,
    ],
  ];

  it.each(PAYLOADS)('stores %s exactly as previewed', async (_what, kind, file, instance) => {
    const text = readFileSync(sharedFixture(...file), 'utf8');
    const preview = await previewApi({ kind, body: text, ...(instance ? { instance } : {}) });
    expect(preview.status).toBe(200);
    const lines = preview.body.lines as PreviewLine[];
    expect(lines.length).toBeGreaterThan(1);

    const { mentions, kind: platform } = previewBody({
      kind,
      body: Buffer.from(text),
      origin: file.join('/'),
      instance: instance ?? null,
    });
    const outcome = await ingest(
      { ...app.deps, analyzeBatchSize: app.config.ANALYZE_BATCH_SIZE },
      { sourceId: null, mentions },
    );
    expect(outcome).toMatchObject({ status: 'stored', stored: mentions.length });
    const stored = await loadStoredLines(
      app.database.db,
      platform,
      lines.map((l) => l.external_id),
    );
    expect(stored).toEqual(lines);
  });

  it('draws the reply and repost edges of the influence graph from the threads stored', async () => {
    const rows = await loadInteractions(app.database.db, {
      topicId: null,
      windowDays: 365 * 30,
      start: new Date('2000-01-01T00:00:00Z'),
      end: new Date('2030-01-01T00:00:00Z'),
    });
    const authors = await app.database.db.selectFrom('authors').select(['id', 'handle']).execute();
    const handle = new Map(authors.map((a) => [a.id, a.handle]));
    const edges = rows.map((r) => `${handle.get(r.source)} ${r.kind} ${handle.get(r.target)}`);
    // Hacker News: the two answers to pg's comment 17.
    expect(edges).toContain('dmon reply pg');
    expect(edges).toContain('Arrington reply pg');
    // Mastodon: the reply to a reply in the status context.
    expect(edges).toContain('MickaelCanouil@fosstodon.org reply MickaelCanouil@fosstodon.org');
    // Bluesky: reposts by the feed's owner, from reason.by to the reposted author.
    const reposts = edges.filter((e) => e.startsWith('chriskenny.bsky.social repost '));
    expect(reposts.length).toBeGreaterThanOrEqual(5);
    // Atom threading: Ben answered Ana.
    expect(edges).toContain('Ben reply Ana');
  });

  it('answers an unreadable body with a 400 naming the field and the reason', async () => {
    const res = await previewApi({
      kind: 'mastodon',
      body: '<html>nope</html>',
      instance: 'https://m.example',
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/"field":"body"/);
    expect(JSON.stringify(res.body)).toMatch(/an HTML page, not JSON/);
    const both = await previewApi({ kind: 'rss' });
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toMatch(/give either url or body/);
  });

  it('lets only admins preview', async () => {
    const res = await previewApi({ kind: 'hn', body: '{"hits":[]}' }, app.readerKey);
    expect(res.status).toBe(403);
  });
});
