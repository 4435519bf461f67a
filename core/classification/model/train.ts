/**
 * Trains a Model from in-memory examples: prepares the texts, extracts hashed features once,
 * tunes the decision offsets on out-of-fold predictions (k-fold inside the training rows), then
 * trains the final members on all rows. Used by `ecoute train`, by retraining from corrections,
 * and by the script that rebuilds the shipped models.
 */
import { createHash } from 'node:crypto';
import { prepareText } from '../text/prepare.js';
import {
  createSparseVector,
  DEFAULT_FEATURES,
  extractFeatures,
  type FeatureOptions,
} from './features.js';
import { seededRandom, shuffleInPlace } from './hash.js';
import { encodeLabels, type Task } from './labels.js';
import { logits, softmax, type LinearModel } from './linear-model.js';
import { evaluatePredictions } from './metrics.js';
import type { Model, ModelEvaluation } from './model.js';
import {
  DEFAULT_LINEAR,
  trainLinear,
  type CompactVector,
  type LinearTrainOptions,
} from './train-linear.js';
import { tuneOffsets, type TuneMetric } from './tune-offsets.js';

export interface MemberRecipe {
  features?: Partial<FeatureOptions>;
  linear?: Partial<LinearTrainOptions>;
}

export interface TrainingExample {
  text: string;
  label: string;
}

export interface TrainModelOptions {
  task: Task;
  lang: 'fr' | 'en';
  /** What the examples are, recorded in the model file ("airline.csv", "corrections 2024-05-01"). */
  source: string;
  features?: Partial<FeatureOptions>;
  linear?: Partial<LinearTrainOptions>;
  /** Members trained with different seeds, probabilities averaged. */
  ensemble?: number;
  /**
   * Members with their own settings (over `features`/`linear`), probabilities averaged: a small
   * ensemble of different views (words only, words and characters) beats each on its own.
   */
  members?: MemberRecipe[];
  /** Folds for tuning the offsets (and the recorded figures); 0 or 1: no tuning. */
  tuneFolds?: number;
  onProgress?: (message: string) => void;
}

export function vectorize(
  texts: string[],
  lang: 'fr' | 'en',
  features: FeatureOptions,
): CompactVector[] {
  const buffer = createSparseVector();
  return texts.map((text) => {
    extractFeatures(prepareText(text, { lang }), features, buffer);
    return { idx: buffer.idx.slice(0, buffer.n), val: buffer.val.slice(0, buffer.n) };
  });
}

interface View {
  features: FeatureOptions;
  linear: LinearTrainOptions;
  xs: CompactVector[];
}

/** One member per view and seed; rows are the indices of the training rows to use. */
function trainMembers(
  classes: string[],
  views: View[],
  ys: number[],
  rows: number[],
  n: number,
): LinearModel[] {
  return views.flatMap((v) => {
    const xs = rows.map((i) => v.xs[i] as CompactVector);
    const y = rows.map((i) => ys[i] as number);
    return Array.from({ length: n }, (_, s) =>
      trainLinear(classes, v.features, xs, y, { ...v.linear, seed: v.linear.seed + s }),
    );
  });
}

/** Average probabilities of members, each reading its own view's vector of row `row`. */
function averagedProbs(members: LinearModel[], memberViews: View[], row: number): Float64Array {
  const k = (members[0] as LinearModel).classes.length;
  const out = new Float64Array(k);
  const z = new Float64Array(k);
  for (const [i, m] of members.entries()) {
    const x = (memberViews[i] as View).xs[row] as CompactVector;
    softmax(logits(m, { idx: x.idx, val: x.val, n: x.idx.length }, z));
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (z[c] as number) / members.length;
  }
  return out;
}

/** Fold of each row: a seeded shuffle cut into `folds` parts. */
export function foldAssignment(rows: number, folds: number, seed: number): number[] {
  const order = shuffleInPlace(
    Array.from({ length: rows }, (_, i) => i),
    seededRandom(seed),
  );
  const fold = new Array<number>(rows);
  order.forEach((row, i) => (fold[row] = i % folds));
  return fold;
}

function memberViews(views: View[], ensemble: number): View[] {
  return views.flatMap((v) => new Array<View>(ensemble).fill(v));
}

function crossValidate(
  classes: string[],
  views: View[],
  ys: number[],
  folds: number,
  ensemble: number,
  progress: (m: string) => void,
): Float64Array[] {
  const rows = ys.length;
  const fold = foldAssignment(rows, folds, (views[0] as View).linear.seed);
  const probs = new Array<Float64Array>(rows);
  for (let f = 0; f < folds; f++) {
    progress(`fold ${f + 1}/${folds}: training`);
    const trainRows = ys.map((_, i) => i).filter((i) => fold[i] !== f);
    const members = trainMembers(classes, views, ys, trainRows, ensemble);
    const mv = memberViews(views, ensemble);
    for (let i = 0; i < rows; i++) if (fold[i] === f) probs[i] = averagedProbs(members, mv, i);
  }
  return probs;
}

function describeEvaluation(
  classes: string[],
  ys: number[],
  probs: Float64Array[],
  offsets: number[],
  folds: number,
): ModelEvaluation {
  const predicted = probs.map((p) => {
    let best = 0;
    p.forEach((v, c) => {
      if (
        Math.log(v + 1e-12) + (offsets[c] as number) >
        Math.log((p[best] as number) + 1e-12) + (offsets[best] as number)
      )
        best = c;
    });
    return best;
  });
  const e = evaluatePredictions(classes, ys, predicted);
  const perClass = Object.fromEntries(
    e.perClass.map((m) => [m.label, { precision: m.precision, recall: m.recall, f1: m.f1 }]),
  );
  return {
    method: `${folds}-fold cross-validation on the training rows (offsets tuned on the same folds)`,
    rows: e.rows,
    accuracy: e.accuracy,
    macroF1: e.macroF1,
    perClass,
  };
}

function modelVersion(task: Task, lang: string, members: LinearModel[], date: string): string {
  const h = createHash('sha256');
  for (const m of members) {
    h.update(new Uint8Array(m.weights.buffer, m.weights.byteOffset, m.weights.byteLength));
    h.update(new Uint8Array(m.bias.buffer));
  }
  return `${task}-${lang}-${date.slice(0, 10).replaceAll('-', '')}-${h.digest('hex').slice(0, 8)}`;
}

export function trainModel(examples: TrainingExample[], o: TrainModelOptions): Model {
  const progress = o.onProgress ?? (() => {});
  const features: FeatureOptions = { ...DEFAULT_FEATURES, ...o.features };
  const linear: LinearTrainOptions = { ...DEFAULT_LINEAR, ...o.linear };
  const ensemble = o.ensemble ?? 1;
  const tuneFolds = o.tuneFolds ?? 3;
  const { classes, ys } = encodeLabels(
    o.task,
    examples.map((e) => e.label),
  );
  progress(`${examples.length} rows, classes ${classes.join('/')}: extracting features`);
  const texts = examples.map((e) => e.text);
  const recipes = o.members ?? [{}];
  const views: View[] = recipes.map((r) => {
    const f: FeatureOptions = { ...features, ...r.features };
    return { features: f, linear: { ...linear, ...r.linear }, xs: vectorize(texts, o.lang, f) };
  });
  let offsets = new Array<number>(classes.length).fill(0);
  let evaluation: ModelEvaluation | undefined;
  if (tuneFolds >= 2 && examples.length >= tuneFolds * 4) {
    const probs = crossValidate(classes, views, ys, tuneFolds, ensemble, progress);
    const metric: TuneMetric = o.task === 'idea' ? 'positiveF1' : 'macroF1';
    offsets = tuneOffsets(probs, ys, classes, metric);
    evaluation = describeEvaluation(classes, ys, probs, offsets, tuneFolds);
  }
  progress(`training the final model on all ${examples.length} rows`);
  const members = trainMembers(
    classes,
    views,
    ys,
    ys.map((_, i) => i),
    ensemble,
  );
  const createdAt = new Date().toISOString();
  const labelCounts = Object.fromEntries(
    classes.map((c, i) => [c, ys.filter((y) => y === i).length]),
  );
  return {
    info: {
      format: 'ecoute-model',
      formatVersion: 1,
      task: o.task,
      lang: o.lang,
      version: modelVersion(o.task, o.lang, members, createdAt),
      createdAt,
      training: { source: o.source, rows: examples.length, labelCounts, date: createdAt },
      hyperParameters: { features, linear, ensemble, tuneFolds, members: recipes },
      evaluation,
    },
    members,
    offsets: Float32Array.from(offsets),
  };
}
