/**
 * Trains and measures every goal on the public data in one command:
 *
 *   npx tsx core/classification/benchmark/evaluate-public.ts [DATA_DIR] [--json]
 *
 * DATA_DIR defaults to $ECOUTE_SHARED_DIR/data, then ../shared/data. Progress on stderr.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publicFigures } from './public-figures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const dataDir =
  args.find((a) => !a.startsWith('--')) ??
  path.join(process.env.ECOUTE_SHARED_DIR ?? path.resolve('../shared'), 'data');
const reviews = path.join(
  here,
  '..',
  '..',
  '..',
  'test',
  'fixtures',
  'classification',
  'french-reviews.csv',
);
/** Four decimals, more when four would round a figure below its goal up to the goal. */
function shown(value: number, goal: number): string {
  for (let digits = 4; digits < 8; digits++) {
    const text = value.toFixed(digits);
    if (value >= goal || Number(text) < goal) return text;
  }
  return value.toFixed(8);
}

const started = Date.now();
const figures = await publicFigures(dataDir, reviews, (m) => process.stderr.write(`${m}\n`));
if (json) {
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
} else {
  for (const f of figures) {
    const mark = f.value >= f.goal ? 'meets' : 'below';
    process.stdout.write(
      `${f.name}: ${f.metric} ${shown(f.value, f.goal)} (goal ${f.goal}, ${mark}; train ${f.rows.train}, test ${f.rows.test})\n    anchors: ${f.anchors}\n`,
    );
  }
}
process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
