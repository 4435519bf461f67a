import { z } from 'zod';
import type { Db } from '../db/database.js';
import { compileQuery, prepareDocument } from './query/index.js';
import { countDocuments, loadDocuments, type StoredDocument } from './topic-documents.js';

export const previewInputSchema = z
  .object({
    query: z.string().trim().min(1).max(4_000),
  })
  .strict();

/**
 * Tuning of the scan. A batch of 500 tweet-length mentions tokenises and matches in ~10 ms on
 * one core (bench/query.ts: ~49,000 documents/s for prepareDocument on the 2-core dev box), so
 * the API's event loop is never held for long; between batches it serves other requests while
 * Postgres reads the next page. The budget bounds the whole answer.
 */
export const PREVIEW_LIMITS = { batchSize: 500, budgetMs: 3_000, sampleSize: 10, sampleChars: 600 };

export interface PreviewSample {
  id: string;
  platform: string;
  url: string | null;
  title: string | null;
  /** Clipped to PREVIEW_LIMITS.sampleChars. */
  text: string;
  author: string | null;
  lang: string | null;
  source: string | null;
  publishedAt: string;
  /** The terms, phrases, fields or NEAR pairs that made the query match. */
  matchedTerms: string[];
}

export interface TopicPreview {
  query: string;
  /** The query in normalised form: every AND and the parentheses precedence implies. */
  normalised: string;
  /** Stored mentions matched among those scanned. */
  matched: number;
  scanned: number;
  total: number;
  /** False when the time budget ran out first: `matched` then counts the newest `scanned` only. */
  complete: boolean;
  /** matched × total / scanned when incomplete (the newest mentions taken as a sample); else matched. */
  estimatedMatches: number;
  tookMs: number;
  /** The newest matching mentions, at most PREVIEW_LIMITS.sampleSize. */
  sample: PreviewSample[];
}

/**
 * How many stored mentions a listening query matches, before saving it as a topic. Scans the
 * mentions newest first in keyset batches with the compiled query, within a time budget: it is
 * exact up to ~budget × 40,000 mentions (≈ 100k on the dev box) and linear in the store beyond
 * that, where it answers the count over the newest part with an estimate for the whole. A query
 * that does not parse throws QueryError (400 with its position).
 */
export async function previewQuery(
  db: Db,
  input: z.input<typeof previewInputSchema>,
  limits: Partial<typeof PREVIEW_LIMITS> = {},
): Promise<TopicPreview> {
  const { query } = previewInputSchema.parse(input);
  const opts = { ...PREVIEW_LIMITS, ...limits };
  const compiled = compileQuery(query);
  const started = performance.now();
  const total = await countDocuments(db);
  const sample: PreviewSample[] = [];
  let matched = 0;
  let scanned = 0;
  let cursor: string | null = null;
  let complete = false;
  for (;;) {
    const batch = await loadDocuments(db, cursor, opts.batchSize);
    for (const stored of batch) {
      const doc = prepareDocument(stored.doc);
      if (!compiled.test(doc)) continue;
      matched += 1;
      if (sample.length < opts.sampleSize) {
        sample.push(toSample(stored, compiled.match(doc).terms, opts.sampleChars));
      }
    }
    scanned += batch.length;
    if (batch.length < opts.batchSize) {
      complete = true;
      break;
    }
    cursor = batch[batch.length - 1]!.id;
    if (performance.now() - started > opts.budgetMs) break;
  }
  return {
    query,
    normalised: compiled.description,
    matched,
    scanned,
    total: Math.max(total, scanned),
    complete,
    estimatedMatches: complete || scanned === 0 ? matched : Math.round((matched * total) / scanned),
    tookMs: Math.round(performance.now() - started),
    sample,
  };
}

function toSample(s: StoredDocument, terms: string[], chars: number): PreviewSample {
  const text = s.doc.text.length > chars ? `${s.doc.text.slice(0, chars - 1)}…` : s.doc.text;
  return {
    id: s.id,
    platform: s.doc.platform ?? '',
    url: s.url,
    title: s.doc.title ?? null,
    text,
    author: s.doc.authorHandle ?? s.authorName,
    lang: s.doc.lang ?? null,
    source: s.doc.source ?? null,
    publishedAt: s.publishedAt.toISOString(),
    matchedTerms: terms,
  };
}
