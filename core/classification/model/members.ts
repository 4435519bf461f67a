/**
 * Members (one linear model per view of the features and per seed) and the k-fold
 * cross-validation inside the training rows that tunes the decision offsets and gives the
 * figures recorded in a model file.
 */
import { seededRandom, shuffleInPlace } from './hash.js';
import type { FeatureOptions } from './features.js';
import { logits, softmax, type LinearModel } from './linear-model.js';
import { evaluatePredictions } from './metrics.js';
import type { ModelEvaluation } from './model.js';
import { trainLinear, type CompactVector, type LinearTrainOptions } from './train-linear.js';

export interface View {
  features: FeatureOptions;
  linear: LinearTrainOptions;
  xs: CompactVector[];
}

/**
 * One member per view and seed; rows are the indices of the training rows to use, `weights`
 * (indexed like `ys`) the weight of each example.
 */
export function trainMembers(
  classes: string[],
  views: View[],
  ys: number[],
  rows: number[],
  n: number,
  weights?: ArrayLike<number>,
): LinearModel[] {
  const w = weights ? rows.map((i) => weights[i] as number) : undefined;
  return views.flatMap((v) => {
    const xs = rows.map((i) => v.xs[i] as CompactVector);
    const y = rows.map((i) => ys[i] as number);
    return Array.from({ length: n }, (_, s) =>
      trainLinear(classes, v.features, xs, y, { ...v.linear, seed: v.linear.seed + s }, w),
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

export function crossValidate(
  classes: string[],
  views: View[],
  ys: number[],
  folds: number,
  ensemble: number,
  progress: (m: string) => void,
  weights?: ArrayLike<number>,
): Float64Array[] {
  const rows = ys.length;
  const fold = foldAssignment(rows, folds, (views[0] as View).linear.seed);
  const probs = new Array<Float64Array>(rows);
  for (let f = 0; f < folds; f++) {
    progress(`fold ${f + 1}/${folds}: training`);
    const trainRows = ys.map((_, i) => i).filter((i) => fold[i] !== f);
    const members = trainMembers(classes, views, ys, trainRows, ensemble, weights);
    const mv = memberViews(views, ensemble);
    for (let i = 0; i < rows; i++) if (fold[i] === f) probs[i] = averagedProbs(members, mv, i);
  }
  return probs;
}

export function describeEvaluation(
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
