/**
 * The measured goal of driver assignment on the airline tweets' negative reasons (public data
 * kept outside the repository): rows whose reason is not "Can't Tell", the fixed 80/20 split by
 * tweet id (model/split.ts), the driver recipe trained on the 80 % with the keyword groups of an
 * airline's taxonomy (airline-drivers.ts), measured on the 20 %.
 */
import path from 'node:path';
import { evaluateModel } from '../classification/model/evaluate-model.js';
import type { Evaluation } from '../classification/model/metrics.js';
import { readCsvRows } from '../classification/model/read-csv.js';
import { RECIPES } from '../classification/model/recipes.js';
import { splitRows } from '../classification/model/split.js';
import { trainModel } from '../classification/model/train.js';
import { AIRLINE_DRIVERS } from './airline-drivers.js';
import { driverKeywords } from './driver-keywords.js';
import { phraseExamples } from './taxonomy.js';

export const AIRLINE_GOAL = { accuracy: 0.72, macroF1: 0.55 };

export async function airlineDriverFigures(dataDir: string, log: (m: string) => void = () => {}) {
  const file = path.join(dataDir, 'airline-tweets-dev.csv');
  const rows = (await readCsvRows(file)).filter(
    (r) => (r.negative_reason ?? '') !== '' && r.negative_reason !== "Can't Tell",
  );
  const { train, heldOut } = splitRows(rows, (r) => r.id ?? r.text ?? '');
  const examples = (rs: typeof rows) =>
    rs.map((r) => ({ text: r.text ?? '', label: r.negative_reason ?? '' }));
  log(`airline negative reasons: training on ${train.length} rows, testing on ${heldOut.length}`);
  const keywords = driverKeywords(phraseExamples(AIRLINE_DRIVERS, 'en'), 'en');
  const model = trainModel(examples(train), {
    ...RECIPES.driver,
    features: { ...RECIPES.driver.features, keywords },
    task: 'driver',
    lang: 'en',
    source: `${path.basename(file)} negative_reason (80 % split)`,
    onProgress: log,
  });
  const evaluation: Evaluation = evaluateModel(model, examples(heldOut));
  return { model, evaluation, rows: { train: train.length, test: heldOut.length } };
}
