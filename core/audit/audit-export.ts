import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { neutraliseCell } from '../security/spreadsheet-cell.js';
import type { AuditEntryDto } from './audit.query.js';

export const AUDIT_COLUMNS = [
  'id',
  'at',
  'actor_name',
  'actor_role',
  'actor_key_id',
  'actor_user_id',
  'action',
  'target_type',
  'target_id',
  'details',
] as const;

function cells(e: AuditEntryDto): string[] {
  const row = [
    e.id,
    e.at,
    e.actor.name,
    e.actor.role,
    e.actor.keyId,
    e.actor.userId,
    e.action,
    e.target.type,
    e.target.id,
    JSON.stringify(e.details),
  ];
  // Names and details come from users and from social text: every cell is made formula-inert.
  return row.map((v) => neutraliseCell(v));
}

/**
 * RFC 4180 CSV of audit entries, streamed (CRLF records, fields with line breaks quoted, as the
 * influencer export does). Returns the number of rows written.
 */
export async function writeAuditCsv(
  out: Writable,
  batches: AsyncIterable<AuditEntryDto[]>,
): Promise<number> {
  const csv = stringify({
    header: true,
    columns: [...AUDIT_COLUMNS],
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  });
  const pump = (async () => {
    for await (const chunk of csv) {
      if (!out.write(String(chunk))) await once(out, 'drain');
    }
  })();
  let rows = 0;
  try {
    for await (const batch of batches) {
      for (const e of batch) {
        rows += 1;
        if (!csv.write(cells(e))) await once(csv, 'drain');
      }
    }
  } finally {
    csv.end();
    await pump;
  }
  return rows;
}
