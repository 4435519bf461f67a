import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';

/** One input record with its 1-based line number, or the reason it could not be read. */
export type RawRecord = { line: number; value: unknown } | { line: number; error: string };

export type ImportFormat = 'jsonl' | 'csv';

export function formatOf(file: string): ImportFormat | undefined {
  if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
  if (/\.csv$/i.test(file)) return 'csv';
  return undefined;
}

/** JSON Lines: one object per line; blank lines are skipped. */
export async function* readJsonLines(input: Readable): AsyncGenerator<RawRecord> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (!text.trim()) continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch (err) {
      yield { line, error: `invalid JSON (${(err as Error).message})` };
    }
  }
}

/**
 * CSV with a header row (RFC 4180). Columns are the flat, snake_case names of the mention
 * fields (see CSV_COLUMNS); unknown columns are ignored so CRM or tool exports load as they are.
 */
export async function* readCsv(input: Readable): AsyncGenerator<RawRecord> {
  const parser = input.pipe(
    parseCsv({
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }),
  );
  for await (const rec of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    yield { line: rec.info.lines, value: csvRowToMention(rec.record) };
  }
}

export const CSV_COLUMNS = [
  'platform',
  'external_id',
  'url',
  'author_id',
  'author_handle',
  'author_name',
  'author_followers',
  'author_profile_url',
  'title',
  'text',
  'lang',
  'published_at',
  'parent_id',
  'thread_id',
  'quoted_id',
  'likes',
  'reposts',
  'replies',
  'score',
] as const;

function csvRowToMention(r: Record<string, string>): Record<string, unknown> {
  const s = (k: string) => (r[k] === undefined || r[k] === '' ? undefined : r[k]);
  const n = (k: string) => {
    const v = s(k);
    return v === undefined ? undefined : Number(v);
  };
  const handle = s('author_handle');
  return {
    platform: s('platform'),
    externalId: s('external_id'),
    url: s('url'),
    author: handle
      ? {
          id: s('author_id') ?? handle,
          handle,
          name: s('author_name'),
          followers: n('author_followers'),
          profileUrl: s('author_profile_url'),
        }
      : undefined,
    title: s('title'),
    text: s('text'),
    langHint: s('lang'),
    // An imported row must carry its date (undefined fails validation, naming the column).
    publishedAt: s('published_at') ?? undefined,
    parentId: s('parent_id'),
    threadId: s('thread_id'),
    quotedId: s('quoted_id'),
    likes: n('likes'),
    reposts: n('reposts'),
    replies: n('replies'),
    score: n('score'),
  };
}

export function openRecords(file: string, format: ImportFormat): AsyncGenerator<RawRecord> {
  const stream = createReadStream(file);
  return format === 'csv' ? readCsv(stream) : readJsonLines(stream);
}
