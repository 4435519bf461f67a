import { stringify } from 'csv-stringify/sync';
import type { Writable } from 'node:stream';
import type { InfluencerDto } from '../influencer.query.js';
import { EXPORT_COLUMNS, exportRow, type ExportCell } from './export-row.js';
import { write } from './sink.js';

// A spreadsheet reads a cell starting with one of these as a formula (CSV injection); tab and
// carriage return are stripped by some importers, exposing the character after them.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes a cell inert for spreadsheets: one starting with =, +, -, @, tab or carriage return gets
 * a leading apostrophe, which spreadsheets show as "text follows" (OWASP's advice). Applied to
 * every cell; Écoute's numeric metrics are never negative, so numbers are untouched.
 */
export function neutraliseCell(value: ExportCell): string {
  if (value === null) return '';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

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
 * RFC 4180 CSV (CRLF line ends, fields with commas, quotes or line breaks quoted, quotes doubled),
 * with a header row, written batch by batch: memory holds one batch.
 */
export async function writeCsv(out: Writable, batches: AsyncIterable<InfluencerDto[]>) {
  let header = true;
  for await (const batch of batches) {
    const rows = batch.map((i) => {
      const row = exportRow(i);
      return EXPORT_COLUMNS.map((c) => neutraliseCell(row[c] ?? null));
    });
    await write(out, csvRecords(rows, header));
    header = false;
  }
  if (header) await write(out, csvRecords([], true));
}
