/**
 * Scores the shipped models, untrained, on every public labelled set:
 *
 *   npm run eval:shipped [-- DATA_DIR] [--json]
 *
 * DATA_DIR defaults to $ECOUTE_SHARED_DIR/data, then ../shared/data. Progress on stderr.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatShippedFigures, shippedFigures } from './shipped-figures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const dataDir =
  args.find((a) => !a.startsWith('--')) ??
  path.join(process.env.ECOUTE_SHARED_DIR ?? path.resolve('../shared'), 'data');
const reviews = path.join(here, '../../../test/fixtures/classification/french-reviews.csv');

const started = Date.now();
const figures = await shippedFigures(dataDir, reviews, undefined, (m) =>
  process.stderr.write(`${m}\n`),
);
process.stdout.write(
  args.includes('--json')
    ? `${JSON.stringify(figures, null, 2)}\n`
    : `${formatShippedFigures(figures)}\n`,
);
process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
