import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssConnector } from '../../../core/connectors/rss/rss.connector.js';
import { createOutboundHttp } from '../../../core/http/outbound.js';
import { normalizedMentionSchema } from '../../../core/mentions/normalized-mention.js';
import { scripted, startReplayServer, type ReplayServer } from '../../support/replay-server.js';
import { sharedFixture } from './shared-fixtures.js';

let server: ReplayServer;
const http = createOutboundHttp({
  timeoutMs: 5000,
  maxBytes: 5 * 1024 * 1024,
  allowHosts: ['127.0.0.1'],
});

beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.close();
});

/** Serve a recorded feed byte for byte and poll it once, from no cursor. */
async function replay(file: string, contentType = 'application/xml') {
  const route = `/${file.replace(/[^a-z0-9]+/gi, '-')}`;
  server.route(route, scripted.xml(readFileSync(sharedFixture(file)), contentType));
  const config = rssConnector.configSchema.parse({ url: `${server.url}${route}` });
  const page = await rssConnector.fetchPage({ config, cursor: null, http });
  for (const m of page.mentions) normalizedMentionSchema.parse(m);
  return page;
}

describe('rssConnector replaying recorded feeds', () => {
  it('maps the Guardian RSS: 55 items, dc:creator authors, en-gb', async () => {
    const { mentions, cursor } = await replay('rss/guardian_us.rss.xml');
    expect(mentions).toHaveLength(55);
    expect(new Set(mentions.map((m) => m.externalId)).size).toBe(55);
    expect(mentions.filter((m) => m.author).length).toBeGreaterThanOrEqual(50);
    expect(mentions[0]).toMatchObject({
      author: { handle: 'David Smith in Washington' },
      langHint: 'en-gb',
      url: 'https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord',
    });
    expect(mentions[0]?.publishedAt?.toISOString()).toBe('2018-01-31T07:26:05.000Z');
    expect(mentions[0]?.text).not.toMatch(/<[a-z]/i);
    expect((cursor.seen as string[]).length).toBe(55);
  });

  it('reads the Washington Post dates in the EST zone', async () => {
    const { mentions } = await replay('rss/wapo_wellness.rss.xml');
    expect(mentions).toHaveLength(29);
    expect(mentions[0]?.publishedAt?.toISOString()).toBe('2012-08-21T15:33:00.000Z');
    expect(mentions[0]?.author?.handle).toBe('Lenny Bernstein');
  });

  it('reads slash:comments counts from the French WordPress feed, keeping its declared language', async () => {
    const { mentions } = await replay('rss/fr_sametmax_wordpress_comments.xml');
    expect(mentions).toHaveLength(10);
    expect(mentions.slice(0, 2).map((m) => m.replies)).toEqual([5, 9]);
    expect(mentions[0]).toMatchObject({ author: { handle: 'Sam' }, langHint: 'en' });
    expect(mentions[0]?.text).toContain('Domaine Specific Language');
  });

  it('reads dc:date and the language of the SPIP feed with a split declaration', async () => {
    const { mentions } = await replay('rss/fr_jeuxlinux_spip.xml');
    expect(mentions).toHaveLength(20);
    expect(mentions.every((m) => m.langHint === 'fr' && m.author === null)).toBe(true);
    expect(mentions[0]?.publishedAt?.toISOString()).toBe('2013-12-30T12:16:44.000Z');
  });

  it('reads thr:count reply counts and resolves relative links in the Atom threading feed', async () => {
    const { mentions } = await replay(
      'atom/intertwingly_thr_replies.atom.xml',
      'application/atom+xml',
    );
    expect(mentions).toHaveLength(20);
    expect(mentions.slice(0, 2).map((m) => m.replies)).toEqual([1, 5]);
    expect(mentions[0]?.url).toBe(`${server.url}/blog/2012/07/16/Inhibiting-Suspend`);
    expect(mentions.every((m) => m.author?.handle === 'Sam Ruby')).toBe(true);
  });

  it('gives each TPM entry its own author and the feed xml:lang', async () => {
    const { mentions } = await replay('atom/tpm_authors.atom.xml', 'application/atom+xml');
    expect(mentions).toHaveLength(20);
    expect(new Set(mentions.map((m) => m.author?.handle)).size).toBeGreaterThan(3);
    expect(mentions.every((m) => m.langHint === 'en-us')).toBe(true);
  });

  it('reads the German heise Atom feed', async () => {
    const { mentions } = await replay('atom/heise_developer_de.atom.xml', 'application/atom+xml');
    expect(mentions).toHaveLength(15);
    expect(mentions[0]?.text).toContain('Enterprise-Java-Servers');
    expect(mentions[0]?.externalId).toBe('http://heise.de/-3088438');
  });

  it('reads the French Atom feed that has no XML declaration', async () => {
    const { mentions } = await replay('atom/fr_la_grange.xml', 'application/atom+xml');
    expect(mentions).toHaveLength(27);
    expect(mentions[0]).toMatchObject({ langHint: 'fr', author: { handle: 'Karl Dubost' } });
    expect(mentions[0]?.text).toContain('6 août 2014');
  });

  it('returns nothing new on the second poll of the same feed', async () => {
    const first = await replay('rss/guardian_us.rss.xml');
    const config = rssConnector.configSchema.parse({
      url: `${server.url}/rss-guardian-us-rss-xml`,
    });
    const second = await rssConnector.fetchPage({ config, cursor: first.cursor, http });
    expect(second.mentions).toEqual([]);
  });
});
