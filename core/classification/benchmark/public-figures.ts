/**
 * The measured goals on public labelled data (kept outside the repository; see the data folder's
 * README): each model is trained on the training part of a fixed, seeded 80/20 split (by row id,
 * see model/split.ts) with the task's default recipe, and measured on the 20 % it never saw.
 */
import path from 'node:path';
import type { Task } from '../model/labels.js';
import { evaluateModel, predictLabel } from '../model/evaluate-model.js';
import { evaluatePredictions, type Evaluation } from '../model/metrics.js';
import type { Model } from '../model/model.js';
import { predictProbs } from '../model/predict.js';
import { readCsvRows, rowsToExamples, type CsvRow } from '../model/read-csv.js';
import { RECIPES } from '../model/recipes.js';
import { splitRows } from '../model/split.js';
import { trainModel } from '../model/train.js';
import { prepareText } from '../text/prepare.js';

export interface Figure {
  name: string;
  metric: string;
  value: number;
  goal: number;
  /** The published or measured figures to compare with, from the data README. */
  anchors: string;
  rows: { train: number; test: number };
}

async function trainOnSplit(
  file: string,
  task: Task,
  lang: 'fr' | 'en',
  label: string,
  log: (m: string) => void,
) {
  const rows = await readCsvRows(file);
  const { train, heldOut } = splitRows(rows, (r) => r.id ?? r.text ?? '');
  log(`${path.basename(file)} ${task}: training on ${train.length} rows`);
  const model = trainModel(
    rowsToExamples(train, { textColumn: 'text', labelColumn: label }, file),
    {
      ...RECIPES[task],
      task,
      lang,
      source: `${path.basename(file)} (80 % split)`,
    },
  );
  return { model, train, heldOut };
}

function test(model: Model, rows: CsvRow[], label: string, file: string): Evaluation {
  return evaluateModel(
    model,
    rowsToExamples(rows, { textColumn: 'text', labelColumn: label }, file),
  );
}

function positiveF1(e: Evaluation): number {
  return e.perClass.find((c) => c.label === '1')?.f1 ?? 0;
}

/** Macro-F1 of dissatisfied vs not, dissatisfied meaning the sentiment model's decision is negative. */
function negativeClassF1(model: Model, rows: CsvRow[]): number {
  const gold = rows.map((r) => (r.dissatisfied === '1' ? 1 : 0));
  const predicted = rows.map((r) => (predictLabel(model, r.text ?? '') === 'negative' ? 1 : 0));
  return evaluatePredictions(['0', '1'], gold, predicted).macroF1;
}

/** Polarity read of a sentiment model: positive when P(positive) > P(negative). */
export function polarityAccuracy(model: Model, rows: { text: string; polarity: string }[]): number {
  const classes = model.members[0]?.classes ?? [];
  const pos = classes.indexOf('positive');
  const neg = classes.indexOf('negative');
  let correct = 0;
  for (const r of rows) {
    const probs = predictProbs(model, prepareText(r.text, { lang: model.info.lang }));
    const read = (probs[pos] as number) > (probs[neg] as number) ? 'positive' : 'negative';
    if (read === r.polarity) correct++;
  }
  return rows.length === 0 ? 0 : correct / rows.length;
}

export async function publicFigures(
  dataDir: string,
  reviewsFile: string,
  log: (m: string) => void = () => {},
): Promise<Figure[]> {
  const figures: Figure[] = [];
  const airline = path.join(dataDir, 'airline-tweets-dev.csv');
  const a1 = await trainOnSplit(airline, 'dissatisfied', 'en', 'dissatisfied', log);
  figures.push({
    name: 'airline dissatisfied vs not',
    metric: 'macro-F1',
    goal: 0.86,
    value: test(a1.model, a1.heldOut, 'dissatisfied', airline).macroF1,
    anchors: 'AFINN 0.58, VADER 0.65, TF-IDF+LR ≈ 0.84',
    rows: { train: a1.train.length, test: a1.heldOut.length },
  });
  const a3 = await trainOnSplit(airline, 'sentiment', 'en', 'sentiment', log);
  figures.push({
    name: 'airline three-class sentiment',
    metric: 'macro-F1',
    goal: 0.78,
    value: test(a3.model, a3.heldOut, 'sentiment', airline).macroF1,
    anchors: 'TF-IDF+LR 0.74–0.76, RoBERTa-base 0.806',
    rows: { train: a3.train.length, test: a3.heldOut.length },
  });
  // In this data "dissatisfied" is the negative class; the three-class model, which also learns
  // neutral from positive, reads it a little better than the binary model. Reported beside it.
  figures.push({
    name: 'airline dissatisfied, read as the negative class of the three-class model',
    metric: 'macro-F1',
    goal: 0.86,
    value: negativeClassF1(a3.model, a3.heldOut),
    anchors: 'as above',
    rows: { train: a3.train.length, test: a3.heldOut.length },
  });
  const french = path.join(dataDir, 'french-tweets-dev.csv');
  const fr = await trainOnSplit(french, 'sentiment', 'fr', 'sentiment', log);
  figures.push({
    name: 'French tweets three-class sentiment',
    metric: 'macro-F1',
    goal: 0.64,
    value: test(fr.model, fr.heldOut, 'sentiment', french).macroF1,
    anchors:
      "natural's lexicon 0.41–0.45, natural's Bayes 0.59, FastText 0.548, TF-IDF+LR ≈ 0.62, XLM-R 0.72",
    rows: { train: fr.train.length, test: fr.heldOut.length },
  });
  const suggestions = path.join(dataDir, 'suggestions-dev.csv');
  const s = await trainOnSplit(suggestions, 'idea', 'en', 'idea', log);
  for (const [set, goal, anchors] of [
    [
      'forum',
      0.65,
      "keyword rules 0.44, natural's Bayes 0.32, TF-IDF+LR ≈ 0.55–0.59 (official test), ULMFiT 0.70, best 0.78",
    ],
    ['hotel', 0.78, 'TF-IDF+LR with hotel trial ≈ 0.72–0.77, best 0.86'],
  ] as const) {
    const rows = s.heldOut.filter((r) => (r.set ?? '').startsWith(set));
    figures.push({
      name: `suggestions, ${set} sentences`,
      metric: 'F1 of the suggestion class',
      goal,
      value: positiveF1(test(s.model, rows, 'idea', suggestions)),
      anchors,
      rows: { train: s.train.length, test: rows.length },
    });
  }
  const reviews = (await readCsvRows(reviewsFile)).map((r) => ({
    text: r.text ?? '',
    polarity: r.polarity ?? '',
  }));
  figures.push({
    name: 'French product reviews, zero-shot polarity (French tweets model)',
    metric: 'accuracy',
    goal: 0.7,
    value: polarityAccuracy(fr.model, reviews),
    anchors: 'goal 0.70; reviews written by the project (test/fixtures)',
    rows: { train: fr.train.length, test: reviews.length },
  });
  return figures;
}
