import type { Db } from '../db/database.js';
import { isRefusedValue, refusalReason } from '../db/storage-errors.js';
import type { Logger } from '../logger.js';
import { normalizedMentionSchema, type NormalizedMention } from '../mentions/normalized-mention.js';
import type { Queues } from '../queue/queues.js';
import { findSourceByName, insertSource } from '../sources/source.repository.js';
import { ingest } from './ingest.service.js';
import type { RawRecord } from './record-parsers.js';

export interface ImportDeps {
  db: Db;
  queues: Queues | null;
  logger: Logger;
  analyzeBatchSize: number;
}

export interface ImportSummary {
  sourceId: string;
  read: number;
  accepted: number;
  duplicates: number;
  rejected: { line: number; reason: string }[];
}

/** Mentions stored per transaction: large batches amortise the round trips of the hot path. */
export const IMPORT_BATCH = 2_000;
/** Rejected lines kept in the summary; the count stays exact beyond it. */
const MAX_REPORTED = 1_000;

/** The import source a file's mentions are attributed to (created on first use). */
export async function importSource(db: Db, name: string): Promise<string> {
  const existing = await findSourceByName(db, 'import', name);
  if (existing) return existing.id;
  const row = await insertSource(db, { kind: 'import', name, config: '{}', cursor: null });
  return row.id;
}

interface Line {
  line: number;
  mention: NormalizedMention;
}

/**
 * Validates records one by one (a bad line is reported with its number and reason, the rest
 * goes on) and stores the good ones in batches through the same ingestion as every source, which
 * cleans the characters Postgres refuses. If Postgres still refuses a value, the batch is
 * stored again line by line: the refused lines are reported with their numbers, the others kept.
 */
export async function importRecords(
  deps: ImportDeps,
  sourceId: string,
  records: AsyncIterable<RawRecord>,
  opts: {
    transform?: (m: NormalizedMention) => NormalizedMention;
    onBatch?: (s: ImportSummary) => void;
  } = {},
): Promise<ImportSummary & { rejectedCount: number }> {
  const summary: ImportSummary & { rejectedCount: number } = {
    sourceId,
    read: 0,
    accepted: 0,
    duplicates: 0,
    rejected: [],
    rejectedCount: 0,
  };
  let batch: Line[] = [];
  // One batch is stored while the next is read and validated: parsing and Postgres overlap.
  let inFlight: Promise<void> = Promise.resolve();
  const storeLines = async (lines: Line[]) => {
    const outcome = await ingest(deps, { sourceId, mentions: lines.map((l) => l.mention) });
    if (outcome.status === 'stored') {
      summary.accepted += outcome.stored;
      summary.duplicates += outcome.duplicates;
    }
  };
  const store = async (lines: Line[]) => {
    try {
      await storeLines(lines);
    } catch (err) {
      if (!isRefusedValue(err)) throw err;
      for (const one of lines) {
        await storeLines([one]).catch((lineErr: unknown) => {
          if (!isRefusedValue(lineErr)) throw lineErr;
          reject(one.line, `cannot be stored: ${refusalReason(lineErr)}`);
        });
      }
    }
    opts.onBatch?.(summary);
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const mentions = batch;
    batch = [];
    await inFlight;
    inFlight = store(mentions);
    // Observed now so a failure is not reported as unhandled; the next await still throws it.
    inFlight.catch(() => undefined);
  };
  const reject = (line: number, reason: string) => {
    summary.rejectedCount++;
    if (summary.rejected.length < MAX_REPORTED) summary.rejected.push({ line, reason });
  };
  for await (const rec of records) {
    summary.read++;
    if ('error' in rec) {
      reject(rec.line, rec.error);
      continue;
    }
    const parsed = normalizedMentionSchema.safeParse(rec.value);
    if (!parsed.success) {
      reject(
        rec.line,
        parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; '),
      );
      continue;
    }
    const mention = opts.transform ? opts.transform(parsed.data) : parsed.data;
    batch.push({ line: rec.line, mention });
    if (batch.length >= IMPORT_BATCH) await flush();
  }
  await flush();
  await inFlight;
  return summary;
}
