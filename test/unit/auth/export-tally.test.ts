import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tallyExportRows } from '../../../core/audit/export-tally.js';

describe('export row tally for the audit log', () => {
  it('counts CSV records, not line breaks inside quoted fields, across chunk boundaries', () => {
    const out = new PassThrough();
    const rows = tallyExportRows(out, 'csv');
    out.write('handle,name\r\n@a,"two\r\nlines"\r\n@b,');
    out.write('"say ""hi"""\r\n');
    expect(rows()).toBe(2);
  });

  it('counts JSON items and GEXF nodes even when a marker is split between chunks', () => {
    const json = new PassThrough();
    const items = tallyExportRows(json, 'json');
    json.write('{"run":{},"items":[\n{"a":1},\n');
    json.write('{"a":2}\n]}\n');
    expect(items()).toBe(2);
    const gexf = new PassThrough();
    const nodes = tallyExportRows(gexf, 'gexf');
    gexf.write('<nodes><node id="1"/><no');
    gexf.write('de id="2"/></nodes><edges><edge source="1" target="2"/>');
    expect(nodes()).toBe(2);
  });
});
