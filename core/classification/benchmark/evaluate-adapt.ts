/**
 * Trained on your labels: the shipped model adapted to n labelled rows of a public set, against a
 * model trained on the same n rows alone, both scored on the held-out part (the fixed 80/20 split
 * by row id of model/split.ts; the n rows are drawn, seeded, from the 80 %):
 *
 *   npm run eval:adapt [-- DATA_DIR]
 *
 * DATA_DIR defaults to $ECOUTE_SHARED_DIR/data, then ../shared/data. Takes a few minutes.
 */
import path from 'node:path';
import { shippedModels } from '../analyzer/model-set.js';
import { evaluateModel } from '../model/evaluate-model.js';
import { seededRandom, shuffleInPlace } from '../model/hash.js';
import { readCsvRows, type CsvRow } from '../model/read-csv.js';
import { splitRows } from '../model/split.js';
import { trainFromExamples } from '../model/train-file.js';
import { adaptModel } from '../training/adapt.js';
import type { AnalysisTask } from '../training/recipe.js';

const dataDir =
  process.argv.slice(2).find((a) => !a.startsWith('--')) ??
  path.join(process.env.ECOUTE_SHARED_DIR ?? path.resolve('../shared'), 'data');

const RUNS: { file: string; task: AnalysisTask; lang: 'en' | 'fr'; sizes: number[] }[] = [
  {
    file: 'airline-tweets-dev.csv',
    task: 'dissatisfied',
    lang: 'en',
    sizes: [50, 100, 200, 500, 1000],
  },
  { file: 'airline-tweets-dev.csv', task: 'sentiment', lang: 'en', sizes: [200, 1000] },
  { file: 'french-tweets-dev.csv', task: 'sentiment', lang: 'fr', sizes: [50, 100, 200, 500] },
];

const examples = (rows: CsvRow[], label: string) =>
  rows.map((r) => ({ text: r.text ?? '', label: r[label] ?? '' }));

process.stdout.write(
  '| set | task | rows of yours | adapted from shipped | alone |\n|---|---|---|---|---|\n',
);
for (const run of RUNS) {
  const rows = await readCsvRows(path.join(dataDir, run.file));
  const { train, heldOut } = splitRows(rows, (r) => r.id ?? '');
  const test = examples(heldOut, run.task);
  const shipped = shippedModels().find((m) => m.info.task === run.task && m.info.lang === run.lang);
  if (!shipped) throw new Error(`no shipped ${run.task} model for ${run.lang}`);
  const line = (n: number, adapted: string, alone: string) =>
    process.stdout.write(`| ${run.file} | ${run.task} | ${n} | ${adapted} | ${alone} |\n`);
  line(0, evaluateModel(shipped, test).macroF1.toFixed(3), '—');
  const drawn = shuffleInPlace([...train], seededRandom(1));
  for (const n of run.sizes) {
    const mine = examples(drawn.slice(0, n), run.task);
    const o = { task: run.task, lang: run.lang, source: `${n} rows of ${run.file}` };
    const adapted = evaluateModel(adaptModel(shipped, mine, o), test).macroF1;
    const alone = evaluateModel(trainFromExamples(mine, o), test).macroF1;
    line(n, adapted.toFixed(3), alone.toFixed(3));
  }
}
