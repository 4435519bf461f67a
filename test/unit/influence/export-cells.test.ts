import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../core/influence/export/csv.js';
import { neutraliseCell } from '../../../core/security/spreadsheet-cell.js';
import { xmlAttr } from '../../../core/influence/export/gexf.js';

describe('export cells', () => {
  it('neutralises every cell a spreadsheet would read as a formula', () => {
    const formulas = ['=1+1', '+33 6 12', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd', ' =1+1'];
    const disguised = ['\n=1', '\r\n+1', '\u00a0=1', '\u3000=1', '\ufeff=1', '\u200b=1'];
    const wide = ['\uff1d1+1', '\uff0b1', '\uff0d1', '\uff20SUM(A1)', '\ufe661', '\u22121'];
    for (const cell of [...formulas, ...disguised, ...wide, '  \t \uff1dA1']) {
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
    }
    expect(neutraliseCell('Zoë = 1')).toBe('Zoë = 1');
    expect(neutraliseCell('\tcmd')).toBe("'\tcmd");
    expect(neutraliseCell(' a=1')).toBe(' a=1');
    expect(neutraliseCell(0.25)).toBe('0.25');
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(true)).toBe('true');
  });

  it('round-trips neutralised and multilingual cells through an RFC 4180 writer and parser', () => {
    const names = [
      '=HYPERLINK("http://x.test","clic")',
      'Łukasz "Łuk", Kraków',
      '日本語\nテスト',
      'العربية 🎥',
    ];
    const csv = csvRecords([names.map(neutraliseCell)], false);
    const [row] = parse(csv, { relax_column_count: false }) as string[][];
    expect(row).toEqual([`'${names[0]}`, names[1], names[2], names[3]]);
  });

  it('escapes XML attribute text and drops characters XML cannot hold', () => {
    const raw = `<a href="x">Tom & 'Jerry'</a>\u0001\uD800 ok\tline\nnext`;
    const xml = `<n v="${xmlAttr(raw)}"/>`;
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      htmlEntities: true,
    }).parse(xml) as {
      n: { v: string };
    };
    expect(parsed.n.v).toBe(`<a href="x">Tom & 'Jerry'</a> ok\tline\nnext`);
  });
});
