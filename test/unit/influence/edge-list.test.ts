import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseEdgeList, readEdgeList } from '../../../core/influence/edge-list.js';

type Row = [string, string, number | undefined];

function parse(text: string): Row[] {
  const rows: Row[] = [];
  parseEdgeList(text, (s, t, w) => rows.push([s, t, w]));
  return rows;
}

describe('edge list parser', () => {
  it('reads pairs and weighted triples separated by any whitespace', () => {
    expect(parse('a b\nb\tc 2.5\r\n  c   a  1e-3  \nd a')).toEqual([
      ['a', 'b', undefined],
      ['b', 'c', 2.5],
      ['c', 'a', 0.001],
      ['d', 'a', undefined],
    ]);
  });

  it('skips blank lines, comment lines and trailing comments', () => {
    expect(parse('# header\n\n   \na b # a vote\n#c d\nb a\n')).toEqual([
      ['a', 'b', undefined],
      ['b', 'a', undefined],
    ]);
  });

  it('counts the lines and edges it read', () => {
    expect(parseEdgeList('# x\na b\n\nb c\n', () => {})).toEqual({ lines: 4, edges: 2 });
  });

  it('names the line and the reason of a line with one field', () => {
    expect(() => parse('a b\nlonely\n')).toThrow(
      'line 2: expected "source target [weight]", got 1 field',
    );
  });

  it('names the line of a line with more than three fields', () => {
    expect(() => parse('a b 1 extra')).toThrow(/^line 1: .*got more than 3 fields/);
  });

  it('rejects a weight that is not a finite decimal number', () => {
    expect(() => parse('a b\n\na b heavy')).toThrow(
      'line 3: weight "heavy" is not a finite decimal number',
    );
    expect(() => parse('a b Infinity')).toThrow(/line 1: weight "Infinity"/);
    expect(() => parse('a b 0x10')).toThrow(/line 1: weight "0x10"/);
  });

  it('rejects a negative weight', () => {
    expect(() => parse('a b -2')).toThrow('line 1: weight -2 is negative; weights must be >= 0');
  });

  it('keeps lines and multi-byte names whole across stream chunk boundaries', async () => {
    const bytes = Buffer.from('Zoë Łukasz 2\n東京 Zoë\n', 'utf8');
    // One byte per chunk splits every multi-byte character and every line.
    const chunks = Array.from(bytes, (b) => Buffer.from([b]));
    const rows: Row[] = [];
    const stats = await readEdgeList(Readable.from(chunks), (s, t, w) => rows.push([s, t, w]));
    expect(rows).toEqual([
      ['Zoë', 'Łukasz', 2],
      ['東京', 'Zoë', undefined],
    ]);
    expect(stats).toEqual({ lines: 2, edges: 2 });
  });
});
