import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type { Db } from '../db/database.js';
import { isRefusedValue, refusalReason } from '../db/storage-errors.js';
import { DomainError } from '../errors.js';
import { storable, storableText } from '../text/storable-text.js';
import {
  resolveColumns,
  toCustomerRecord,
  type ColumnMap,
  type CrmField,
  type CustomerRecord,
  type RowIssue,
} from './crm-row.js';
import { handleOwners, replaceHandles, upsertCustomers } from './customer.repository.js';
import { linkExactHandles } from './identity-linking.js';

export interface ImportSummary {
  read: number;
  created: number;
  updated: number;
  /** Lines not stored, each with the field and the reason. */
  rejected: RowIssue[];
  /** Lines stored without one of their values (a handle another account already lists). */
  warnings: RowIssue[];
  /** Customers that gained a confirmed identity from their CRM handles. */
  linked: number;
  /** Ids of every customer created or updated (for the linking and risk jobs). */
  customerIds: string[];
}

interface Pending {
  line: number;
  record: CustomerRecord;
}

/** Rows written per statement: big enough to amortise round trips, small enough for one batch. */
const BATCH = 1000;

/**
 * Imports a CRM export (CSV with a header row). Re-importing updates customers keyed on their CRM
 * id. A line with a missing id or name, or a bad value, is reported (line, field, reason) and
 * skipped; the valid lines are stored. Handles the CRM lists link their authors at once.
 */
export async function importCustomers(
  db: Db,
  input: Readable,
  map: ColumnMap = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    read: 0,
    created: 0,
    updated: 0,
    rejected: [],
    warnings: [],
    linked: 0,
    customerIds: [],
  };
  const seenIds = new Map<string, number>();
  const seenHandles = new Map<string, string>();
  let batch: Pending[] = [];
  let columns: Partial<Record<CrmField, string>> | null = null;
  const parser = parseCsv({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    trim: true,
    columns: (raw: string[]) => {
      const header = raw.map(storableText);
      columns = resolveColumns(header, map);
      return header;
    },
  });
  // pipe() does not forward errors: a failing upload (size cap, broken connection) must end the parse.
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    for await (const rec of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      summary.read++;
      const line = rec.info.lines;
      const cols = columns!;
      const values = storableValues(rec.record, line, summary);
      const { record, errors } = toCustomerRecord((f) => (cols[f] ? values[cols[f]] : undefined));
      if (!record) {
        for (const e of errors) summary.rejected.push({ line, ...e });
        continue;
      }
      const firstLine = seenIds.get(record.externalId);
      if (firstLine !== undefined) {
        summary.rejected.push({
          line,
          field: 'crm_id',
          reason: `"${record.externalId}" already on line ${firstLine}`,
        });
        continue;
      }
      seenIds.set(record.externalId, line);
      record.handles = record.handles.filter((h) => {
        const key = `${h.platform}:${h.handle}`;
        const owner = seenHandles.get(key);
        if (owner === undefined) {
          seenHandles.set(key, record.externalId);
          return true;
        }
        summary.warnings.push({
          line,
          field: 'handles',
          reason: `${key} is already listed for ${owner}; not linked`,
        });
        return false;
      });
      batch.push({ line, record });
      if (batch.length < BATCH) continue;
      await writeBatch(db, batch, summary);
      batch = [];
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    const e = err as Error & { lines?: number };
    throw new DomainError('validation_failed', `CSV: ${e.message}`, [
      { field: e.lines ? `line ${e.lines}` : 'file', reason: e.message },
    ]);
  }
  await writeBatch(db, batch, summary);
  if (summary.customerIds.length > 0) {
    summary.linked = (await linkExactHandles(db, { customerIds: summary.customerIds })).length;
  }
  return summary;
}

/**
 * The line's values as Postgres can store them: a NUL or an unpaired surrogate is removed (or
 * replaced) and the line is kept, with a warning naming the field.
 */
function storableValues(
  values: Record<string, string>,
  line: number,
  summary: ImportSummary,
): Record<string, string> {
  const cleaned = storable(values);
  if (cleaned.changed === 0) return values;
  for (const [column, value] of Object.entries(values)) {
    if (cleaned.value[column] === value) continue;
    summary.warnings.push({
      line,
      field: storableText(column),
      reason: 'a NUL or an unpaired surrogate was removed (Postgres cannot store them)',
    });
  }
  return cleaned.value;
}

/**
 * Stores a batch in one transaction. If Postgres refuses a value, the batch is stored again
 * line by line, so the refused line is reported with its number and the others are kept.
 */
async function writeBatch(db: Db, batch: Pending[], summary: ImportSummary): Promise<void> {
  if (batch.length === 0) return;
  try {
    await writeLines(db, batch, summary);
  } catch (err) {
    if (!isRefusedValue(err) || batch.length === 1) throw err;
    for (const pending of batch) {
      await writeLines(db, [pending], summary).catch((lineErr: unknown) => {
        if (!isRefusedValue(lineErr)) throw lineErr;
        summary.rejected.push({
          line: pending.line,
          field: '(line)',
          reason: refusalReason(lineErr),
        });
      });
    }
  }
}

async function writeLines(db: Db, batch: Pending[], summary: ImportSummary): Promise<void> {
  // Warnings and counts are added only once the transaction commits.
  const warnings: RowIssue[] = [];
  const upserted = await db.transaction().execute(async (trx) => {
    const owners = await handleOwners(
      trx,
      batch.flatMap((p) => p.record.handles),
    );
    const rows = await upsertCustomers(
      trx,
      batch.map((p) => p.record),
    );
    const idOf = new Map(rows.map((u) => [u.externalId, u.id]));
    const handles = batch.flatMap((p) =>
      p.record.handles.flatMap((h) => {
        const owner = owners.get(`${h.platform}:${h.handle}`);
        if (owner && owner !== p.record.externalId) {
          warnings.push({
            line: p.line,
            field: 'handles',
            reason: `${h.platform}:${h.handle} is already listed for ${owner}; not linked`,
          });
          return [];
        }
        return [{ customerId: idOf.get(p.record.externalId)!, ...h }];
      }),
    );
    await replaceHandles(
      trx,
      rows.map((u) => u.id),
      handles,
    );
    return rows;
  });
  for (const u of upserted) {
    if (u.inserted) summary.created++;
    else summary.updated++;
    summary.customerIds.push(u.id);
  }
  summary.warnings.push(...warnings);
}
