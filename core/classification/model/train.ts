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
import { encodeLabels, type Task } from './labels.js';
import type { Calibration } from './calibration.js';
import type { LinearModel } from './linear-model.js';
import { calibrate, type CalibrateOptions } from './calibrate-model.js';
import { crossValidate, describeEvaluation, trainMembers, type View } from './members.js';
import type { Model, ModelEvaluation, TrainingSource } from './model.js';
import { DEFAULT_LINEAR, type CompactVector, type LinearTrainOptions } from './train-linear.js';
import { tuneOffsets, type TuneMetric } from './tune-offsets.js';

export interface MemberRecipe {
  features?: Partial<FeatureOptions>;
  linear?: Partial<LinearTrainOptions>;
}

export interface TrainingExample {
  text: string;
  label: string;
  /** How much the example teaches (default 1): auxiliary data from another domain less. */
  weight?: number;
  /**
   * Learned from, but neither used to tune the decision offsets nor counted in the recorded
   * figures: data from another domain (emotion-labelled Reddit comments, say) that should not
   * decide where the threshold of customer messages lies.
   */
  auxiliary?: boolean;
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
  /** What the offsets maximise; by default the F1 of the positive class (idea), else macro-F1. */
  tuneMetric?: TuneMetric;
  /**
   * `false`: the folds still give the recorded figures, but the offsets stay at zero (when the
   * examples' balance of classes says little about the texts the model will read).
   */
  tuneOffsets?: boolean;
  /** The files the examples came from, recorded in the model (the shipped models' provenance). */
  sources?: TrainingSource[];
  /** The model's date, instead of now: a recipe that must rebuild byte-identical files gives one. */
  createdAt?: string;
  /**
   * Fit a temperature on the out-of-fold probabilities (and a threshold for a target precision),
   * stored in the model file: its scores then read as probabilities. Needs `tuneFolds` ≥ 2.
   */
  calibration?: CalibrateOptions;
  onProgress?: (message: string) => void;
}

/**
 * Fewer rows than this and the out-of-fold confidences are too few to fit a temperature or choose
 * a threshold (30 labelled complaints: calibration error 0.24, no threshold reaching 0.7).
 */
const MIN_ROWS_TO_CALIBRATE = 100;

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

function readsFeatures(f: FeatureOptions): boolean {
  return f.wordScale !== 0 || f.charMax !== 0 || f.lexiconScale !== 0;
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
  // A member left with nothing to read (a characters-only view when character n-grams are off)
  // is dropped rather than kept as a bias-only model that dilutes the others.
  const listed = (o.members ?? [{}]).filter((r) => readsFeatures({ ...features, ...r.features }));
  const recipes = listed.length > 0 ? listed : [{}];
  const views: View[] = recipes.map((r) => {
    const f: FeatureOptions = { ...features, ...r.features };
    return { features: f, linear: { ...linear, ...r.linear }, xs: vectorize(texts, o.lang, f) };
  });
  const weighted = examples.some((e) => e.weight !== undefined && e.weight !== 1);
  const weights = weighted ? Float32Array.from(examples, (e) => e.weight ?? 1) : undefined;
  // Offsets are tuned, and figures recorded, on the examples of the task's own domain only.
  const tuned = examples.flatMap((e, i) => (e.auxiliary ? [] : [i]));
  let offsets = new Array<number>(classes.length).fill(0);
  let evaluation: ModelEvaluation | undefined;
  let calibration: Calibration | undefined;
  if (tuneFolds >= 2 && tuned.length >= tuneFolds * 4) {
    const probs = crossValidate(classes, views, ys, tuneFolds, ensemble, progress, weights);
    const metric: TuneMetric = o.tuneMetric ?? (o.task === 'idea' ? 'positiveF1' : 'macroF1');
    const tunedProbs = tuned.map((i) => probs[i] as Float64Array);
    const tunedYs = tuned.map((i) => ys[i] as number);
    if (o.tuneOffsets !== false) offsets = tuneOffsets(tunedProbs, tunedYs, classes, metric);
    evaluation = describeEvaluation(classes, tunedYs, tunedProbs, offsets, tuneFolds);
    if (o.calibration && tuned.length >= MIN_ROWS_TO_CALIBRATE)
      calibration = calibrate(tunedProbs, tunedYs, offsets, tuneFolds, o.calibration);
  }
  progress(`training the final model on all ${examples.length} rows`);
  const members = trainMembers(
    classes,
    views,
    ys,
    ys.map((_, i) => i),
    ensemble,
    weights,
  );
  const createdAt = o.createdAt ?? new Date().toISOString();
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
      training: {
        source: o.source,
        rows: examples.length,
        labelCounts,
        date: createdAt,
        ...(o.sources ? { sources: o.sources } : {}),
      },
      hyperParameters: {
        features,
        linear,
        ensemble,
        tuneFolds,
        members: recipes,
        ...(o.tuneMetric ? { tuneMetric: o.tuneMetric } : {}),
      },
      evaluation,
      ...(calibration ? { calibration } : {}),
    },
    members,
    offsets: Float32Array.from(offsets),
  };
}
