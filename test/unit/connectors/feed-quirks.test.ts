import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFeedBody } from '../../../core/connectors/rss/feed-body.js';
import { ConnectorError } from '../../../core/connectors/connector-error.js';

const WILD = path.resolve(import.meta.dirname, '../../fixtures/feeds/wild');
const wild = (name: string) => readFileSync(path.join(WILD, name));
const read = (body: string | Buffer, type: string | null = null) =>
  readFeedBody(
    typeof body === 'string' ? Buffer.from(body) : body,
    type,
    'https://blog.example/feed',
  );
const rss = (items: string, channel = '') =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title><link>https://blog.example/</link>${channel}${items}</channel></rss>`;

describe('feed quirks read as a mainstream reader reads them', () => {
  it.each([
    {
      quirk: 'blank lines before the XML declaration',
      body: `\n\n   ${rss('<item><guid>a</guid><title>Hello</title></item>')}`,
      expect: { title: 'Hello' },
      warning: /blank lines before the first tag/,
    },
    {
      quirk: 'a byte-order mark and spaces before the declaration',
      body: Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(`  ${rss('<item><guid>a</guid><title>Hello</title></item>')}`),
      ]),
      expect: { title: 'Hello' },
      warning: /whitespace before the first tag/,
    },
    {
      quirk: 'a comment before the XML declaration',
      body: `<!-- generated --><?xml version="1.0"?><rss><channel><item><guid>a</guid><title>Hi</title></item></channel></rss>`,
      expect: { title: 'Hi' },
      warning: /declaration comes after a comment/,
    },
    {
      quirk: 'an unclosed element inside an item',
      body: rss(
        '<item><guid>a</guid><title>Open</title><description><b>bold text</description></item>',
      ),
      expect: { title: 'Open', text: 'bold text' },
      warning: /not well-formed XML/,
    },
    {
      quirk: 'a bare ampersand',
      body: rss('<item><guid>a</guid><title>Fish & chips</title></item>'),
      expect: { title: 'Fish & chips' },
      warning: /not well-formed XML/,
    },
    {
      quirk: 'HTML entities that XML does not define',
      body: rss('<item><guid>a</guid><title>Caf&eacute;&nbsp;cr&egrave;me</title></item>'),
      expect: { title: 'Café crème' },
    },
    {
      quirk: 'control characters XML forbids',
      body: rss('<item><guid>a</guid><title>Bell\u0007 and\u000b tab</title></item>'),
      expect: { title: 'Bell and tab' },
      warning: /characters that XML forbids/,
    },
    {
      quirk: 'escaped markup in a description, decoded once',
      body: rss(
        '<item><guid>a</guid><title>x</title><description>&lt;p&gt;Use &amp;lt;p&amp;gt; for paragraphs&lt;/p&gt;</description></item>',
      ),
      expect: { text: 'Use <p> for paragraphs' },
    },
    {
      quirk: 'a CDATA description holding HTML',
      body: rss(
        '<item><guid>a</guid><title>x</title><description><![CDATA[<p>One &amp; two</p>]]></description></item>',
      ),
      expect: { text: 'One & two' },
    },
    {
      quirk: 'HTML tags in a title',
      body: rss('<item><guid>a</guid><title>&lt;b&gt;Breaking&lt;/b&gt; news</title></item>'),
      expect: { title: 'Breaking news' },
    },
    {
      quirk: 'content:encoded preferred over a truncated description',
      body: rss(
        '<item><guid>a</guid><title>x</title><description>The first lines…</description><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>The first lines, and the whole article.</p>]]></content:encoded></item>',
      ),
      expect: { text: 'The first lines, and the whole article.' },
    },
    {
      quirk: 'a relative item link and relative links in the body',
      body: rss(
        '<item><guid>a</guid><title>x</title><link>/posts/1</link><description>&lt;a href="../about"&gt;about&lt;/a&gt;</description></item>',
      ),
      expect: { url: 'https://blog.example/posts/1', links: ['https://blog.example/about'] },
    },
    {
      quirk: 'xml:base on an item',
      body: rss(
        '<item xml:base="https://other.example/dir/"><guid>a</guid><title>x</title><link>page</link></item>',
      ),
      expect: { url: 'https://other.example/dir/page' },
    },
    {
      quirk: 'an RSS author written as an address and a name',
      body: rss(
        '<item><guid>a</guid><title>x</title><author>jo@blog.example (Jo Doe)</author></item>',
      ),
      expect: { author: { handle: 'Jo Doe' } },
    },
    {
      quirk: 'a date written in Portuguese',
      body: rss(
        '<item><guid>a</guid><title>x</title><pubDate>Seg, 24 Set 2018 19:42:40 -0300</pubDate></item>',
      ),
      expect: {
        publishedAt: new Date('2018-09-24T22:42:40Z'),
        publishedRaw: 'Seg, 24 Set 2018 19:42:40 -0300',
      },
    },
    {
      quirk: 'an unreadable date, kept raw and never replaced by the fetch time',
      body: rss('<item><guid>a</guid><title>x</title><pubDate>le jour des morts</pubDate></item>'),
      expect: { publishedAt: null, publishedRaw: 'le jour des morts' },
    },
    {
      quirk: 'no date at all',
      body: rss('<item><guid>a</guid><title>x</title></item>'),
      expect: { publishedAt: null, publishedRaw: null },
    },
    {
      quirk: 'a versionless rss element without declaration',
      body: '<rss><channel><item><title>Plain</title><link>https://blog.example/p</link></item></channel></rss>',
      expect: { externalId: 'https://blog.example/p', title: 'Plain' },
    },
  ])('reads $quirk', ({ body, expect: fields, warning }) => {
    const { mentions, warnings } = read(body);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject(fields);
    if (warning) expect(warnings.join('\n')).toMatch(warning);
  });

  it.each([
    {
      quirk: 'Atom type="text" keeps angle brackets as text',
      content: '<content type="text">Use &lt;p&gt; tags</content>',
      text: 'Use <p> tags',
    },
    {
      quirk: 'Atom type="html" is escaped HTML',
      content: '<content type="html">&lt;p&gt;One &amp;amp; two&lt;/p&gt;</content>',
      text: 'One & two',
    },
    {
      quirk: 'Atom type="xhtml" is markup inside a div',
      content:
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>world</b> &amp; all</p></div></content>',
      text: 'Hello world & all',
    },
    {
      quirk: 'Atom 0.3 mode="escaped"',
      content:
        '<content type="text/html" mode="escaped">&lt;p&gt;Old &lt;i&gt;Atom&lt;/i&gt;&lt;/p&gt;</content>',
      text: 'Old Atom',
    },
  ])('reads $quirk', ({ content, text }) => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e1</id><title type="html">A &amp;amp; B</title>${content}</entry></feed>`;
    const { mentions } = read(atom);
    expect(mentions[0]).toMatchObject({ text, title: 'A & B' });
  });

  it('reads Atom threading: thr:in-reply-to names the parent entry', () => {
    const { mentions } = read(wild('feedparser_atomthreadingwithentry.xml'));
    expect(mentions[0]).toMatchObject({
      externalId: 'tag:blogger.com,1999:blog-893591374313312737.post-4788628857625737701',
      parentId: 'tag:blogger.com,1999:blog-893591374313312737.post-3861663258538857954',
      author: { handle: 'John' },
    });
  });

  it('reads an undeclared ISO-8859-1 feed in Portuguese without a replacement character', () => {
    const { mentions, decoding } = read(wild('rss-parser_uolNoticias.rss'));
    expect(mentions).toHaveLength(15);
    expect(decoding.source).toBe('detected');
    expect(mentions.map((m) => m.title).join(' ')).not.toContain('\uFFFD');
    expect(mentions.some((m) => /[ãçéíóú]/.test(m.title ?? ''))).toBe(true);
    expect(mentions[0]?.publishedAt?.toISOString()).toBe('2018-09-24T22:42:40.000Z');
  });

  it('reads a windows-1251 feed in Russian by its declaration', () => {
    const { mentions, decoding } = read(wild('node-feedparser_iconv.xml'));
    expect(decoding).toMatchObject({ encoding: 'windows-1251', source: 'declaration' });
    expect(mentions).toHaveLength(10);
    expect(mentions[0]?.title).toMatch(/[а-яА-Я]/);
  });

  it('reads blank lines and spaces before the declaration in a real feed', () => {
    const { mentions, warnings } = read(wild('picofeed_resorts.xml'));
    expect(mentions).toHaveLength(1);
    expect(warnings[0]).toMatch(/before the first tag/);
  });

  it('does not count the empty items a broken feed nests inside its items', () => {
    const { mentions } = read(wild('node-feedparser_illegally-nested.xml'));
    expect(mentions).toHaveLength(10);
    expect(mentions.every((m) => m.url?.startsWith('http://feedproxy.google.com/'))).toBe(true);
  });

  it('refuses a body that is no feed, naming what it is', () => {
    const html = '<!doctype html><html><body>Not found</body></html>';
    expect(() => read(html)).toThrow(ConnectorError);
    expect(() => read(html)).toThrow(/an HTML page, not a feed/);
    expect(() => read('<?xml version="1.0"?><opml><body/></opml>')).toThrow(
      /root is <opml>, not an RSS or Atom feed/,
    );
  });
});

interface Expected {
  file: string;
  items: {
    external_id: string | null;
    title: string | null;
    url: string | null;
    text: string | null;
  }[];
}

describe('the corpus of real feeds', () => {
  const files = readdirSync(path.join(WILD, 'expected')).filter(
    (f) => f.endsWith('.json') && f !== 'corrections.json',
  );

  it('has at least thirty feeds, each cited in SOURCES.md', () => {
    const sources = readFileSync(path.join(WILD, 'SOURCES.md'), 'utf8');
    expect(files.length).toBeGreaterThanOrEqual(30);
    for (const f of files) expect(sources).toContain(`\`${f.replace(/\.json$/, '')}\``);
  });

  it.each(files.map((f) => [f.replace(/\.json$/, '')]))(
    'reads every item of %s, with no U+FFFD and the reference ids',
    (file) => {
      const expected = JSON.parse(
        readFileSync(path.join(WILD, 'expected', `${file}.json`), 'utf8'),
      ) as Expected;
      const shown = expected.items.filter((r) => r.title || r.url || r.text);
      const { mentions } = readFeedBody(wild(file), null, `https://feeds.example/${file}`);
      expect(mentions).toHaveLength(shown.length);
      for (const m of mentions) expect(`${m.title} ${m.text}`).not.toContain('\uFFFD');
      const ids = mentions.map((m) => m.externalId);
      const agree = shown.filter((r, i) => r.external_id === ids[i] || r.url === ids[i]);
      expect(agree.length).toBeGreaterThanOrEqual(shown.length - 1);
    },
  );
});
