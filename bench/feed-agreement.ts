/**
 * Field agreement of the RSS/Atom reader with a reference reading (python3-feedparser, written
 * once into test/fixtures/feeds/wild/expected/ by bench/feeds/reference.py), item by item over
 * the corpus of real feeds in test/fixtures/feeds/wild/. Run: npm run bench:feeds
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { previewLines, type PreviewLine } from '../core/sources/preview/preview-line.js';
import { readFeedBody } from '../core/connectors/rss/feed-body.js';

const WILD = join(import.meta.dirname, '..', 'test', 'fixtures', 'feeds', 'wild');
const FIELDS = [
  'external_id',
  'url',
  'title',
  'published_at',
  'author',
  'text',
  'in_reply_to',
] as const;
type Field = (typeof FIELDS)[number];

interface Expected {
  file: string;
  items: Record<Field, string | null>[];
}

const verbose = process.argv.includes('--verbose');

/** Values where the reference is wrong, corrected by hand, each with its reason. */
interface Correction {
  file: string;
  index: number;
  field: Field;
  value: string | null;
  why: string;
}
const corrections = JSON.parse(
  readFileSync(join(WILD, 'expected', 'corrections.json'), 'utf8'),
) as Correction[];
const agree: Record<Field, number> = Object.fromEntries(FIELDS.map((f) => [f, 0])) as never;
let items = 0;
let filesRead = 0;
let countsEqual = 0;
let replacementChars = 0;
let emptyInReference = 0;
const files = readdirSync(join(WILD, 'expected')).filter(
  (f) => f.endsWith('.json') && f !== 'corrections.json',
);
for (const name of files) {
  const expected = JSON.parse(readFileSync(join(WILD, 'expected', name), 'utf8')) as Expected;
  for (const c of corrections.filter((x) => x.file === expected.file)) {
    expected.items[c.index]![c.field] = c.value;
  }
  // An empty <item/> (the reference lists them) is nothing a reader shows, and nothing we store.
  const refItems = expected.items.filter((r) => r.title || r.url || r.text);
  emptyInReference += expected.items.length - refItems.length;
  const bytes = readFileSync(join(WILD, expected.file));
  let lines: PreviewLine[] = [];
  try {
    const { mentions } = readFeedBody(bytes, null, `https://feeds.example/${expected.file}`);
    lines = previewLines(mentions);
    filesRead += 1;
  } catch (err) {
    console.log(`${expected.file}: not read (${err instanceof Error ? err.message : err})`);
  }
  if (lines.length === refItems.length) countsEqual += 1;
  else console.log(`${expected.file}: ${lines.length} items, reference ${refItems.length}`);
  refItems.forEach((ref, i) => {
    items += 1;
    const got = lines[i];
    for (const field of FIELDS) {
      const ok = got ? same(field, got[field] as string | null, ref[field], got.title) : false;
      if (ok) agree[field] += 1;
      else if (verbose) {
        const [g, r] =
          field === 'text' ? around(got?.text ?? '', ref.text ?? '') : [got?.[field], ref[field]];
        console.log(`  ${expected.file}#${i} ${field}:\n    got ${show(g)}\n    ref ${show(r)}`);
      }
    }
    if (got && /\uFFFD/.test(`${got.title} ${got.text}`)) replacementChars += 1;
  });
}

/** Where two texts part, letters and digits only. */
function around(a: string, b: string): [string, string] {
  const [x, y] = [words(a), words(b)];
  let i = 0;
  while (i < x.length && x[i] === y[i]) i += 1;
  return [x.slice(Math.max(0, i - 30), i + 60), y.slice(Math.max(0, i - 30), i + 60)];
}

function show(v: unknown): string {
  const s = JSON.stringify(v ?? null);
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
}

function same(field: Field, got: string | null, ref: string | null, title: string | null): boolean {
  // An item without a body is stored with its title as its text (a mention has text).
  if (field === 'text' && ref === null && got === title) return true;
  if (field === 'url' || field === 'external_id') return sameUrl(got, ref);
  if (got === null || ref === null) return (got ?? null) === (ref ?? null);
  if (field === 'text' || field === 'title') return words(got) === words(ref);
  // The reference keeps whole seconds only.
  if (field === 'published_at') return got.slice(0, 19) === ref.slice(0, 19);
  if (field === 'author') return got.trim().toLowerCase() === ref.trim().toLowerCase();
  return got === ref;
}

/**
 * The reference resolves relative links against the placeholder document URL (feeds.example),
 * which is not where the feed lived; we resolve them against the site's own link (as before this
 * bench existed, see feed-reader). For those links the path is compared, not the host.
 */
function sameUrl(got: string | null, ref: string | null): boolean {
  const parse = (u: string | null) => {
    try {
      return u === null ? null : new URL(u);
    } catch {
      return null;
    }
  };
  const [g, r] = [parse(got), parse(ref)];
  if (!g || !r) return (got ?? null) === (ref ?? null);
  if (r.host === 'feeds.example') return g.pathname + g.search === r.pathname + r.search;
  return g.href === r.href;
}

/** Letters and digits only: what a reader sees, whatever the line breaks and bullets. */
function words(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const pct = (n: number) => `${((100 * n) / Math.max(1, items)).toFixed(1)}%`;
console.log(
  `\n${files.length} feeds, ${filesRead} read, item counts equal in ${countsEqual}; ${items} items; ` +
    `items with U+FFFD: ${replacementChars}; empty items the reference lists, left out: ${emptyInReference}`,
);
for (const f of FIELDS)
  console.log(`${f.padEnd(12)} ${pct(agree[f]).padStart(6)}  (${agree[f]}/${items})`);
