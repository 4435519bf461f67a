/**
 * A trained model with its description: what task and language it serves, what it was trained
 * on, with which settings, and how well it did. Written to and read from versioned files.
 */
import type { Lang } from '../analysis.js';
import type { Calibration } from './calibration.js';
import type { FeatureOptions } from './features.js';
import type { Task } from './labels.js';
import type { LinearModel } from './linear-model.js';
import type { LinearTrainOptions } from './train-linear.js';
import type { TuneMetric } from './tune-offsets.js';

/** One file a model learned from: where it lies, its licence, and how much it counted. */
export interface TrainingSource {
  /** Path relative to its root: `permissive/goemotions/train.tsv`, `training/messages.csv`. */
  file: string;
  /** `permissive`: ../shared/data/permissive; `project`: texts written by the project. */
  origin: 'permissive' | 'project' | 'user';
  licence: string;
  rows: number;
  weight: number;
  /** SHA-256 of the file's bytes, first 16 hex digits. */
  sha256: string;
}

export interface TrainingDescription {
  /** File name or a short description of the in-memory examples. */
  source: string;
  rows: number;
  labelCounts: Record<string, number>;
  date: string;
  /** Every file the examples came from (the shipped models list theirs). */
  sources?: TrainingSource[];
}

export interface ModelEvaluation {
  /** How the figures were obtained, e.g. "3-fold cross-validation on the training rows". */
  method: string;
  rows: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, { precision: number; recall: number; f1: number }>;
}

export interface ModelInfo {
  format: 'ecoute-model';
  formatVersion: 1;
  task: Task;
  lang: Exclude<Lang, 'unknown'>;
  version: string;
  createdAt: string;
  training: TrainingDescription;
  hyperParameters: {
    features: FeatureOptions;
    linear: LinearTrainOptions;
    ensemble: number;
    tuneFolds: number;
    /** Per-member overrides of `features` and `linear`, one view each. */
    members: { features?: Partial<FeatureOptions>; linear?: Partial<LinearTrainOptions> }[];
    /** What the offsets were tuned for, when not the task's default. */
    tuneMetric?: TuneMetric;
  };
  evaluation?: ModelEvaluation;
  /** Temperature (and threshold) that make the scores probabilities; absent: raw averages. */
  calibration?: Calibration;
}

export interface Model {
  info: ModelInfo;
  /** One or more members whose probabilities are averaged (a small ensemble of seeds). */
  members: LinearModel[];
  /** Decision offsets applied to the averaged log-probabilities. */
  offsets: Float32Array;
}
