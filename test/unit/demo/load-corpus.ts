import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEMO_DIR } from '../../../demo/build-corpus.js';

/** demo/mentions.jsonl as committed, one parsed object per line (with its line number). */
export function readCorpusLines(): { line: number; value: unknown }[] {
  const raw = readFileSync(path.join(DEMO_DIR, 'mentions.jsonl'), 'utf8');
  return raw
    .split('\n')
    .filter((l) => l !== '')
    .map((l, i) => ({ line: i + 1, value: JSON.parse(l) as unknown }));
}

export interface CorpusMention {
  platform: string;
  externalId: string;
  url: string;
  author: { id: string; handle: string; name?: string; followers?: number; profileUrl: string };
  title?: string;
  text: string;
  langHint?: string;
  publishedAt: string;
  parentId?: string;
  threadId?: string;
  quotedId?: string;
  likes?: number;
  reposts?: number;
  replies?: number;
  score?: number;
}

export function readCorpus(): CorpusMention[] {
  return readCorpusLines().map((l) => l.value as CorpusMention);
}

export type CustomerRow = Record<
  | 'crm_id'
  | 'name'
  | 'tier'
  | 'plan'
  | 'region'
  | 'arr_eur'
  | 'owner'
  | 'handles'
  | 'email_domains'
  | 'website',
  string
>;

export function readCustomers(): { columns: string[]; rows: CustomerRow[] } {
  const raw = readFileSync(path.join(DEMO_DIR, 'customers.csv'), 'utf8');
  const records = parse(raw, { bom: true }) as string[][];
  const [columns = [], ...body] = records;
  const rows = body.map(
    (r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? ''])) as CustomerRow,
  );
  return { columns, rows };
}

/** Day index (0–29) of an instant in the demo window; day 29 ends at the window's close. */
export function dayOf(iso: string): number {
  return Math.floor((Date.parse(iso) - Date.parse('2026-10-22T00:00:00Z')) / 86_400_000);
}
