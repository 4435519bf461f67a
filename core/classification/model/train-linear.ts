/**
 * Trains a LinearModel by AdaGrad on the softmax cross-entropy with L2, over pre-extracted sparse
 * vectors. Regularisation is applied to the weights an example touches (the usual lazy scheme for
 * sparse data); the returned weights are the average of the later epochs' end points, which is
 * steadier than the last point on small, noisy sets.
 */
import { seededRandom, shuffleInPlace } from './hash.js';
import type { FeatureOptions } from './features.js';
import { createLinearModel, logits, softmax, type LinearModel } from './linear-model.js';

export interface CompactVector {
  idx: Int32Array;
  val: Float32Array;
}

export interface LinearTrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** 'balanced': each class weighs as much as the others in total. */
  classWeight: 'balanced' | 'none';
  seed: number;
  /**
   * Naive-Bayes log-count ratios (NB-LR, after Wang & Manning's NBSVM): each weight is learned on
   * the scale of its feature's class log-ratio, smoothed with this α; 0 turns it off.
   */
  nbAlpha: number;
}

export const DEFAULT_LINEAR: LinearTrainOptions = {
  epochs: 12,
  learningRate: 0.3,
  l2: 1e-5,
  classWeight: 'balanced',
  seed: 42,
  nbAlpha: 0,
};

/** Per-class weights; with example weights, classes are balanced on their weighted totals. */
function classWeights(
  labels: number[],
  k: number,
  mode: LinearTrainOptions['classWeight'],
  weights?: ArrayLike<number>,
): number[] {
  if (mode === 'none') return new Array<number>(k).fill(1);
  const counts = new Array<number>(k).fill(0);
  let total = 0;
  labels.forEach((y, i) => {
    const w = weights ? (weights[i] as number) : 1;
    counts[y] = (counts[y] as number) + w;
    total += w;
  });
  return counts.map((c) => (c === 0 ? 0 : total / (k * c)));
}

/** Per (feature, class) log-count ratio of presence, one class against the rest. */
export function nbRatios(
  xs: CompactVector[],
  ys: number[],
  k: number,
  size: number,
  alpha: number,
): Float32Array {
  const counts = new Float32Array(size * k);
  const seen = new Uint8Array(size);
  const docs = new Array<number>(k).fill(0);
  xs.forEach((x, i) => {
    const y = ys[i] as number;
    docs[y] = (docs[y] as number) + 1;
    for (let j = 0; j < x.idx.length; j++) {
      const f = x.idx[j] as number;
      seen[f] = 1;
      counts[f * k + y] = (counts[f * k + y] as number) + 1;
    }
  });
  let vocab = 0;
  for (let f = 0; f < size; f++) vocab += seen[f] as number;
  const totals = new Float64Array(k);
  for (let f = 0; f < size; f++)
    for (let c = 0; c < k; c++) totals[c] = (totals[c] as number) + (counts[f * k + c] as number);
  const all = totals.reduce((a, b) => a + b, 0);
  const r = new Float32Array(size * k).fill(1);
  for (let f = 0; f < size; f++) {
    if (!seen[f]) continue;
    let sum = 0;
    for (let c = 0; c < k; c++) sum += counts[f * k + c] as number;
    for (let c = 0; c < k; c++) {
      const p = ((counts[f * k + c] as number) + alpha) / ((totals[c] as number) + alpha * vocab);
      const q =
        (sum - (counts[f * k + c] as number) + alpha) /
        (all - (totals[c] as number) + alpha * vocab);
      r[f * k + c] = Math.log(p / q);
    }
  }
  return r;
}

/**
 * `weights`: one per example (default 1), multiplying its gradient: auxiliary data from another
 * domain teaches less than the texts written for the task. `prior`: a trained model of the same
 * classes and features to start from; L2 then pulls towards its weights instead of zero, so a
 * few hundred examples adapt it to their domain without forgetting what it knew (Chelba & Acero,
 * "Adaptation of maximum entropy capitalizer", 2006).
 */
export function trainLinear(
  classes: string[],
  features: FeatureOptions,
  xs: CompactVector[],
  ys: number[],
  o: LinearTrainOptions,
  weights?: ArrayLike<number>,
  prior?: LinearModel,
): LinearModel {
  const m = createLinearModel(classes, features);
  const k = classes.length;
  const w = m.weights;
  const w0 = prior?.weights;
  if (prior) {
    w.set(prior.weights);
    m.bias.set(prior.bias);
  }
  const g2 = new Float32Array(w.length);
  const b2 = new Float64Array(k);
  const avg = new Float64Array(w.length);
  const avgBias = new Float64Array(k);
  let averaged = 0;
  const cw = classWeights(ys, k, o.classWeight, weights);
  const order = xs.map((_, i) => i);
  const random = seededRandom(o.seed);
  const z = new Float64Array(k);
  const grad = new Float64Array(k);
  const firstAveraged = Math.floor(o.epochs / 2);
  const scale = o.nbAlpha > 0 ? nbRatios(xs, ys, k, 1 << features.bits, o.nbAlpha) : undefined;
  if (scale && prior) throw new Error('trainLinear: NB weighting cannot start from a prior model');
  if (scale) for (let p = 0; p < w.length; p++) w[p] = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const x = xs[i] as CompactVector;
      const y = ys[i] as number;
      if (scale) scaledLogits(m, scale, x, z);
      else logits(m, { idx: x.idx, val: x.val, n: x.idx.length }, z);
      softmax(z);
      const sw = (cw[y] as number) * (weights ? (weights[i] as number) : 1);
      for (let c = 0; c < k; c++) grad[c] = ((z[c] as number) - (c === y ? 1 : 0)) * sw;
      for (let c = 0; c < k; c++) {
        const g = grad[c] as number;
        b2[c] = (b2[c] as number) + g * g;
        m.bias[c] =
          (m.bias[c] as number) - (o.learningRate * g) / Math.sqrt((b2[c] as number) + 1e-8);
      }
      for (let j = 0; j < x.idx.length; j++) {
        const base = (x.idx[j] as number) * k;
        const v = x.val[j] as number;
        for (let c = 0; c < k; c++) {
          const p = base + c;
          const centre = w0 ? (w0[p] as number) : 0;
          const g =
            (grad[c] as number) * v * (scale ? (scale[p] as number) : 1) +
            o.l2 * ((w[p] as number) - centre);
          if (g === 0) continue;
          g2[p] = (g2[p] as number) + g * g;
          w[p] = (w[p] as number) - (o.learningRate * g) / Math.sqrt((g2[p] as number) + 1e-8);
        }
      }
    }
    if (epoch >= firstAveraged) {
      for (let p = 0; p < w.length; p++) avg[p] = (avg[p] as number) + (w[p] as number);
      for (let c = 0; c < k; c++) avgBias[c] = (avgBias[c] as number) + (m.bias[c] as number);
      averaged++;
    }
  }
  for (let p = 0; p < w.length; p++)
    w[p] = ((avg[p] as number) / averaged) * (scale ? (scale[p] as number) : 1);
  for (let c = 0; c < k; c++) m.bias[c] = (avgBias[c] as number) / averaged;
  return m;
}

function scaledLogits(
  m: LinearModel,
  scale: Float32Array,
  x: CompactVector,
  out: Float64Array,
): void {
  const k = m.classes.length;
  for (let c = 0; c < k; c++) out[c] = m.bias[c] as number;
  for (let j = 0; j < x.idx.length; j++) {
    const base = (x.idx[j] as number) * k;
    const v = x.val[j] as number;
    for (let c = 0; c < k; c++)
      out[c] =
        (out[c] as number) + (m.weights[base + c] as number) * (scale[base + c] as number) * v;
  }
}
