/**
 * A multinomial logistic-regression model over hashed features: a dense `2^bits × K` weight
 * table (row-major by feature, so one feature's K weights sit together) and a bias per class.
 */
import type { FeatureOptions, SparseVector } from './features.js';

export interface LinearModel {
  classes: string[];
  features: FeatureOptions;
  weights: Float32Array;
  bias: Float32Array;
}

export function createLinearModel(classes: string[], features: FeatureOptions): LinearModel {
  const k = classes.length;
  return {
    classes,
    features,
    weights: new Float32Array((1 << features.bits) * k),
    bias: new Float32Array(k),
  };
}

/** Raw class scores (logits) of `v` into `out`. */
export function logits(m: LinearModel, v: SparseVector, out: Float64Array): Float64Array {
  const k = m.classes.length;
  for (let c = 0; c < k; c++) out[c] = m.bias[c] as number;
  const w = m.weights;
  for (let i = 0; i < v.n; i++) {
    const base = (v.idx[i] as number) * k;
    const x = v.val[i] as number;
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (w[base + c] as number) * x;
  }
  return out;
}

/** Softmax in place. */
export function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const x of z) if (x > max) max = x;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    const e = Math.exp((z[c] as number) - max);
    z[c] = e;
    sum += e;
  }
  for (let c = 0; c < z.length; c++) z[c] = (z[c] as number) / sum;
  return z;
}
