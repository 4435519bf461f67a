import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceCursor } from '../../../core/connectors/connector.js';
import { ConnectorError } from '../../../core/connectors/connector-error.js';
import { rssConnector } from '../../../core/connectors/rss/rss.connector.js';
import { createOutboundHttp } from '../../../core/http/outbound.js';
import { scripted, startReplayServer, type ReplayServer } from '../../support/replay-server.js';

const fixtures = path.resolve(fileURLToPath(import.meta.url), '../../../fixtures/connectors/rss');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));

let server: ReplayServer;
const http = createOutboundHttp({
  timeoutMs: 3000,
  maxBytes: 1024 * 1024,
  allowHosts: ['127.0.0.1'],
});

beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.close();
});

async function poll(route: string, cursor: SourceCursor | null = null) {
  const config = rssConnector.configSchema.parse({ url: `${server.url}${route}` });
  return rssConnector.fetchPage({ config, cursor, http });
}

describe('rssConnector', () => {
  it('decodes an ISO-8859-1 feed by its XML declaration and maps its items', async () => {
    server.route(
      '/latin1',
      scripted.xml(fixture('latin1-declared.rss.xml'), 'application/rss+xml'),
    );
    const page = await poll('/latin1');
    expect(page.hasMore).toBe(false);
    expect(page.mentions).toHaveLength(2);
    const [first, second] = page.mentions;
    expect(first).toMatchObject({
      platform: 'rss',
      externalId: 'cafe-1001',
      url: 'https://cafe.example/2024/03/resiliation',
      title: 'Résiliation : déçu par le service après-vente',
      text: "J'ai été très déçue. Voir la page SAV et la FAQ.",
      links: ['https://cafe.example/sav', 'https://cafe.example/faq'],
      author: { id: 'Hélène Dupré', handle: 'Hélène Dupré' },
      langHint: 'fr-fr',
      replies: 7,
    });
    expect(first?.publishedAt?.toISOString()).toBe('2024-03-05T08:30:00.000Z');
    expect(second?.externalId).toBe('https://cafe.example/2024/03/idee');
    expect(second?.replies).toBeNull();
  });

  it('decodes by the HTTP charset when the declaration names no encoding', async () => {
    server.route(
      '/cp1252',
      scripted.xml(fixture('cp1252-http-charset.rss.xml'), 'text/xml; charset=windows-1252'),
    );
    const page = await poll('/cp1252');
    expect(page.mentions[0]?.title).toBe('Quotes “smart” – and € prices');
    expect(page.mentions[0]?.text).toBe('It costs 5 € — “quite cheap”.');
  });

  it('reads an Atom feed without XML declaration, resolving relative links and thr:count', async () => {
    server.route(
      '/nodecl',
      scripted.xml(fixture('no-declaration.atom.xml'), 'application/atom+xml'),
    );
    const page = await poll('/nodecl');
    const [first, second] = page.mentions;
    expect(first).toMatchObject({
      externalId: 'tag:nodecl.example,2024:1',
      url: 'https://nodecl.example/posts/1',
      text: 'First paragraph.\n\nSecond with docs.',
      links: ['https://nodecl.example/docs'],
      author: { handle: 'Feed Author' },
      langHint: 'en',
      replies: 3,
    });
    expect(second).toMatchObject({
      author: { handle: 'Jana', profileUrl: 'https://nodecl.example/jana' },
      langHint: 'de',
      text: 'Kurzer Text über das Produkt.',
    });
    expect(second?.publishedAt?.toISOString()).toBe('2024-02-28T07:00:00.000Z');
  });

  it('leaves undated items without a date (never the fetch time) and hashes id-less items', async () => {
    server.route('/nodates', scripted.xml(fixture('no-dates.rss.xml')));
    const page = await poll('/nodates');
    expect(page.mentions).toHaveLength(2);
    for (const m of page.mentions) expect(m.publishedAt).toBeNull();
    expect(page.mentions[0]?.externalId).toBe('https://undated.example/1');
    expect(page.mentions[1]?.externalId).toMatch(/^sha256:[0-9a-f]{32}$/);
  });

  it('keeps emoji and right-to-left text intact', async () => {
    server.route('/emoji', scripted.xml(fixture('emoji-rtl.atom.xml'), 'application/atom+xml'));
    const page = await poll('/emoji');
    expect(page.mentions.map((m) => m.text)).toEqual([
      'Waited 3 days 😭😭 — never again! 🇫🇷',
      'الخدمة بطيئة جدا \u202b(RTL)\u202c',
      'המוצר לא עובד',
    ]);
    expect(page.mentions[0]?.title).toBe('😡 Terrible support 👎🏽');
    expect(page.mentions.map((m) => m.langHint)).toEqual([null, 'ar', 'he']);
  });

  it('decodes by detection when the bytes contradict the declared UTF-8, and says so', async () => {
    const xml = fixture('no-dates.rss.xml').toString('utf8');
    const [head, tail] = xml.split('No date here.');
    const body = Buffer.concat([
      Buffer.from(head!),
      Buffer.from([0x4e, 0xff, 0xfe, 0x6f]),
      Buffer.from(tail!),
    ]);
    server.route('/badutf8', scripted.xml(body, 'application/rss+xml; charset=utf-8'));
    const page = await poll('/badutf8');
    expect(page.mentions[0]?.text).not.toContain('\uFFFD');
    expect(page.notes?.decoding).toMatchObject({ source: 'detected' });
    expect(page.notes?.warnings).toContain(
      'the HTTP charset says utf-8 but the bytes are not valid UTF-8',
    );
  });

  it('returns only items not seen before, and remembers them in the cursor', async () => {
    server.route('/latin1', scripted.xml(fixture('latin1-declared.rss.xml')));
    const first = await poll('/latin1');
    expect(first.cursor).toMatchObject({
      seen: ['cafe-1001', 'https://cafe.example/2024/03/idee'],
      lastPublishedAt: '2024-03-05T08:30:00.000Z',
    });
    const again = await poll('/latin1', first.cursor);
    expect(again.mentions).toEqual([]);
    expect(again.cursor.seen).toEqual(first.cursor.seen);
    const partly = await poll('/latin1', { seen: ['cafe-1001'], lastPublishedAt: null });
    expect(partly.mentions.map((m) => m.externalId)).toEqual(['https://cafe.example/2024/03/idee']);
  });

  it('sends conditional GET validators and treats 304 as nothing new', async () => {
    server.route('/etag', {
      handle: (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
        res.writeHead(200, { etag: '"v1"', 'content-type': 'application/rss+xml' });
        res.end(fixture('no-dates.rss.xml'));
      },
    });
    const first = await poll('/etag');
    expect(first.cursor.etag).toBe('"v1"');
    const second = await poll('/etag', first.cursor);
    expect(second.mentions).toEqual([]);
    expect(second.cursor).toEqual(first.cursor);
  });

  it('reads a feed cut off in the middle of an item up to the cut, with warnings', async () => {
    server.route('/cut', scripted.xml(fixture('truncated.rss.xml')));
    const page = await poll('/cut');
    expect(page.mentions.map((m) => m.title)).toEqual(['First undated', 'Second undated']);
    expect(page.notes?.warnings.join('\n')).toMatch(/not well-formed XML at line \d+/);
    expect(page.notes?.warnings.join('\n')).toMatch(/cut off/);
  });

  it.each([
    ['an HTML error page', () => scripted.htmlErrorPage(), /an HTML page, not a feed/],
    ['a JSON body', () => scripted.json({ items: [] }), /not an RSS or Atom feed/],
  ])('refuses %s as invalid_payload with a readable reason', async (_what, response, reason) => {
    server.route('/bad', response());
    const err = await poll('/bad').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).code).toBe('invalid_payload');
    expect((err as ConnectorError).message).toMatch(reason);
  });

  it('lets HTTP failures through as connector errors', async () => {
    server.route('/gone', scripted.status(410));
    await expect(poll('/gone')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('rejects a config whose url is not http(s)', () => {
    const parsed = rssConnector.configSchema.safeParse({ url: 'ftp://example.com/feed' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['url']);
  });
});
