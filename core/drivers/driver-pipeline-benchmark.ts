/**
 * Drivers as a user meets them, measured on the airline tweets (public data kept outside the
 * repository): a dissatisfied model and a driver model both trained on the training part of the
 * fixed 80/20 split (model/split.ts), then every held-out negative tweet with one of the nine
 * reasons goes through both, as in the pipeline. A tweet judged not dissatisfied, or whose best
 * driver stays under the threshold, has no driver and counts as wrong. Calibration is read on
 * the tweets judged dissatisfied: the best driver's score against whether it is right.
 */
import path from 'node:path';
import { expectedCalibrationError } from '../classification/model/calibration.js';
import { evaluateModel, predictLabel } from '../classification/model/evaluate-model.js';
import { evaluatePredictions, type Evaluation } from '../classification/model/metrics.js';
import type { Model } from '../classification/model/model.js';
import { readCsvRows, type CsvRow } from '../classification/model/read-csv.js';
import { RECIPES } from '../classification/model/recipes.js';
import { splitRows } from '../classification/model/split.js';
import { trainModel } from '../classification/model/train.js';
import { AIRLINE_DRIVERS } from './airline-drivers.js';
import { createDriverClassifier } from './driver-classifier.js';
import { driverKeywords } from './driver-keywords.js';
import { phraseExamples } from './taxonomy.js';

/** The goals on held-out negative tweets, "no driver" counted as wrong. */
export const PIPELINE_GOAL = { accuracy: 0.66, macroF1: 0.5, ece: 0.05 };

/** The threshold of a model without calibration (the taxonomy's former fixed default). */
const UNCALIBRATED_MIN_SCORE = 0.35;
const NONE = '(none)';

const reasonOf = (r: CsvRow) => r.negative_reason ?? '';
const isReason = (r: CsvRow) => reasonOf(r) !== '' && reasonOf(r) !== "Can't Tell";

export interface PipelineFigures {
  rows: { train: number; driverTrain: number; test: number; judgedDissatisfied: number };
  accuracy: number;
  /** Accuracy over the tweets judged dissatisfied only (those that reach driver assignment). */
  accuracyJudged: number;
  macroF1: number;
  ece: number;
  /** The driver model alone on every held-out tweet with a reason (no dissatisfied model, no threshold). */
  modelOnly: Evaluation;
  /** Share of the held-out negative tweets given a driver, and how many of those are right. */
  coverage: number;
  precision: number;
  perReason: { label: string; precision: number; recall: number; f1: number; support: number }[];
  driverModel: Model;
}

/** `calibrated` false: the driver recipe without calibration, held to the former 0.35. */
export async function airlinePipelineFigures(
  dataDir: string,
  o: { calibrated?: boolean; log?: (m: string) => void } = {},
): Promise<PipelineFigures> {
  const log = o.log ?? (() => {});
  const file = path.join(dataDir, 'airline-tweets-dev.csv');
  const { train, heldOut } = splitRows(await readCsvRows(file), (r) => r.id ?? r.text ?? '');
  log(`dissatisfied model: training on ${train.length} rows`);
  const dissatisfied = trainModel(
    train.map((r) => ({ text: r.text ?? '', label: r.dissatisfied ?? '' })),
    { ...RECIPES.dissatisfied, task: 'dissatisfied', lang: 'en', source: `${path.basename(file)}` },
  );
  const driverRows = train.filter(isReason);
  log(`driver model: training on ${driverRows.length} rows`);
  const { calibration, ...uncalibrated } = RECIPES.driver;
  const driverModel = trainModel(
    driverRows.map((r) => ({ text: r.text ?? '', label: reasonOf(r) })),
    {
      ...(o.calibrated === false ? uncalibrated : { ...uncalibrated, calibration }),
      features: {
        ...RECIPES.driver.features,
        keywords: driverKeywords(phraseExamples(AIRLINE_DRIVERS, 'en'), 'en'),
      },
      task: 'driver',
      lang: 'en',
      source: `${path.basename(file)} negative_reason (80 % split)`,
      onProgress: log,
    },
  );
  const classifier = createDriverClassifier({ en: driverModel }, UNCALIBRATED_MIN_SCORE);
  const test = heldOut.filter((r) => r.sentiment === 'negative' && isReason(r));
  const reasons = driverModel.members[0]?.classes ?? [];
  const labels = [...reasons, NONE];
  const gold: number[] = [];
  const predicted: number[] = [];
  const confidence: number[] = [];
  const correct: boolean[] = [];
  for (const r of test) {
    const text = r.text ?? '';
    gold.push(labels.indexOf(reasonOf(r)));
    if (predictLabel(dissatisfied, text) !== '1') {
      predicted.push(labels.indexOf(NONE));
      continue;
    }
    const result = classifier.classify(text, 'en');
    predicted.push(labels.indexOf(result?.driver?.label ?? NONE));
    if (!result) continue;
    confidence.push(result.best.score);
    correct.push(result.best.label === reasonOf(r));
  }
  const e = evaluatePredictions(labels, gold, predicted);
  const perReason = e.perClass.filter((c) => c.label !== NONE);
  const given = predicted.filter((p) => labels[p] !== NONE).length;
  const right = predicted.filter((p, i) => p === gold[i]).length;
  return {
    rows: {
      train: train.length,
      driverTrain: driverRows.length,
      test: test.length,
      judgedDissatisfied: confidence.length,
    },
    accuracy: e.accuracy,
    accuracyJudged: right / Math.max(confidence.length, 1),
    macroF1: perReason.reduce((a, c) => a + c.f1, 0) / perReason.length,
    ece: expectedCalibrationError(confidence, correct),
    coverage: given / Math.max(test.length, 1),
    precision: given === 0 ? 0 : right / given,
    perReason,
    modelOnly: evaluateModel(
      driverModel,
      heldOut.filter(isReason).map((r) => ({ text: r.text ?? '', label: reasonOf(r) })),
    ),
    driverModel,
  };
}
