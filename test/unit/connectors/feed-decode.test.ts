import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFeed } from '../../../core/connectors/rss/feed-decode.js';

const TEXT = 'Déçu par le service après-vente : « résiliation » - 5 €';
const doc = (decl: string) => `${decl}<rss><channel><title>${TEXT}</title></channel></rss>`;
const bytes = (s: string, encoding: string) => iconv.encode(s, encoding);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('decodeFeed', () => {
  it.each([
    {
      quirk: 'a UTF-8 byte-order mark',
      body: Buffer.concat([BOM, bytes(doc('<?xml version="1.0"?>'), 'utf-8')]),
      type: null,
      encoding: 'utf-8',
      source: 'bom',
    },
    {
      quirk: 'a UTF-16LE byte-order mark',
      body: Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        bytes(doc('<?xml version="1.0"?>'), 'utf-16le'),
      ]),
      type: null,
      encoding: 'utf-16le',
      source: 'bom',
    },
    {
      quirk: 'the HTTP charset',
      body: bytes(doc('<?xml version="1.0"?>'), 'windows-1252'),
      type: 'application/rss+xml; charset=windows-1252',
      encoding: 'windows-1252',
      source: 'http',
    },
    {
      quirk: 'the XML declaration',
      body: bytes(doc('<?xml version="1.0" encoding="ISO-8859-15"?>'), 'iso-8859-15'),
      type: 'application/xml',
      encoding: 'iso-8859-15',
      source: 'declaration',
    },
    {
      quirk: 'an HTML meta tag',
      body: bytes(`<meta charset="windows-1252">${doc('')}`, 'windows-1252'),
      type: null,
      encoding: 'windows-1252',
      source: 'meta',
    },
    {
      quirk: 'ISO-8859-1 read as windows-1252, as browsers do',
      body: bytes(doc('<?xml version="1.0" encoding="ISO-8859-1"?>'), 'windows-1252'),
      type: null,
      encoding: 'windows-1252',
      source: 'declaration',
    },
    {
      quirk: 'no claim and valid UTF-8',
      body: bytes(doc(''), 'utf-8'),
      type: null,
      encoding: 'utf-8',
      source: 'default',
    },
    {
      quirk: 'no claim and Latin-1 bytes (detected)',
      body: bytes(doc(''), 'windows-1252'),
      type: null,
      encoding: /^(iso-8859-1|windows-1252)$/,
      source: 'detected',
    },
    {
      quirk: 'a declared UTF-8 that the Latin-1 bytes break (detected)',
      body: bytes(doc('<?xml version="1.0" encoding="utf-8"?>'), 'windows-1252'),
      type: null,
      encoding: /^(iso-8859-1|windows-1252)$/,
      source: 'detected',
    },
    {
      quirk: 'a server default of ISO-8859-1 in front of a UTF-8 feed',
      body: bytes(doc('<?xml version="1.0" encoding="utf-8"?>'), 'utf-8'),
      type: 'text/xml; charset=ISO-8859-1',
      encoding: 'utf-8',
      source: 'declaration',
    },
  ])('decodes by $quirk', ({ body, type, encoding, source }) => {
    const out = decodeFeed(body, type);
    expect(out.text).toContain(TEXT);
    expect(out.text).not.toContain('\uFFFD');
    expect(out.decoding.encoding).toMatch(encoding);
    expect(out.decoding.source).toBe(source);
  });

  it('notes each claim it set aside, with the reason', () => {
    const out = decodeFeed(
      bytes(doc('<?xml version="1.0" encoding="utf-8"?>'), 'windows-1252'),
      'text/xml; charset=utf-8',
    );
    expect(out.warnings).toEqual([
      'the HTTP charset says utf-8 but the bytes are not valid UTF-8',
      'the XML declaration says utf-8 but the bytes are not valid UTF-8',
      expect.stringMatching(/^decoded as (iso-8859-1|windows-1252), detected from the bytes$/),
    ]);
    expect(out.decoding.claims).toEqual({ http: 'utf-8', declaration: 'utf-8' });
  });

  it('lets the detector decide between an HTTP charset and a declaration that disagree', () => {
    const cyrillic = 'Новости дня: правительство объявило о новых мерах поддержки';
    const body = bytes(
      `<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>${cyrillic}</title></channel></rss>`,
      'windows-1251',
    );
    const out = decodeFeed(body, 'text/xml; charset=iso-8859-1');
    expect(out.text).toContain(cyrillic);
    expect(out.decoding).toMatchObject({ encoding: 'windows-1251', source: 'declaration' });
    expect(out.warnings[0]).toMatch(/disagree; windows-1251 read better/);
  });

  it('sets aside an encoding name it does not know', () => {
    const out = decodeFeed(bytes(doc('<?xml version="1.0" encoding="x-bogus"?>'), 'utf-8'));
    expect(out.decoding).toMatchObject({ encoding: 'utf-8', source: 'default' });
    expect(out.warnings).toEqual(['the XML declaration names an unknown encoding "x-bogus"']);
  });
});
