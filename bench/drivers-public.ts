/**
 * Driver assignment on public data, reproducible in one command:
 *
 *   npx tsx bench/drivers-public.ts [DATA_DIR] [--json]
 *
 * Trains the driver recipe on 80 % of the airline tweets with a negative reason other than
 * "Can't Tell" and measures accuracy and macro-F1 over the nine reasons on the other 20 %.
 * DATA_DIR defaults to $ECOUTE_SHARED_DIR/data, then ../shared/data.
 */
import path from 'node:path';
import { formatEvaluation } from '../core/classification/model/metrics.js';
import { AIRLINE_GOAL, airlineDriverFigures } from '../core/drivers/driver-benchmark.js';

const args = process.argv.slice(2);
const dataDir =
  args.find((a) => !a.startsWith('--')) ??
  path.join(process.env.ECOUTE_SHARED_DIR ?? path.resolve('../shared'), 'data');
const started = Date.now();
const { evaluation, rows, model } = await airlineDriverFigures(dataDir, (m) =>
  process.stderr.write(`${m}\n`),
);
if (args.includes('--json')) {
  process.stdout.write(
    `${JSON.stringify({ model: model.info.version, goal: AIRLINE_GOAL, split: rows, ...evaluation }, null, 2)}\n`,
  );
} else {
  process.stdout.write(
    `airline negative reasons (train ${rows.train}, test ${rows.test}); goal accuracy ≥ ${AIRLINE_GOAL.accuracy}, macro-F1 ≥ ${AIRLINE_GOAL.macroF1}\n${formatEvaluation(evaluation)}`,
  );
}
process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
