/** Labelled examples from a CSV file with a header row (csv-parse). */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { TrainingExample } from './train.js';

export interface CsvColumns {
  textColumn: string;
  labelColumn: string;
}

export type CsvRow = Record<string, string>;

export async function readCsvRows(file: string): Promise<CsvRow[]> {
  const content = await readFile(file, 'utf8');
  return parse(content, {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    relax_column_count: true,
  }) as CsvRow[];
}

/** Rows to examples; throws naming a missing column. Rows with an empty label are skipped. */
export function rowsToExamples(rows: CsvRow[], c: CsvColumns, file: string): TrainingExample[] {
  const first = rows[0];
  if (!first) throw new Error(`${file}: no data rows`);
  for (const col of [c.textColumn, c.labelColumn]) {
    if (!(col in first))
      throw new Error(
        `${file}: column "${col}" not found (columns: ${Object.keys(first).join(', ')})`,
      );
  }
  return rows
    .filter((r) => (r[c.labelColumn] ?? '').trim() !== '')
    .map((r) => ({ text: r[c.textColumn] ?? '', label: r[c.labelColumn] ?? '' }));
}

export async function readExamples(file: string, c: CsvColumns): Promise<TrainingExample[]> {
  return rowsToExamples(await readCsvRows(file), c, file);
}
