/**
 * Probability calibration: a score that means a probability. Temperature scaling (Guo et al.
 * 2017) divides the decision logits (log-probabilities plus the tuned offsets) by one number T
 * fitted on out-of-fold predictions by maximum likelihood; it keeps every decision and only
 * sharpens (T < 1) or softens (T > 1) the confidences. The threshold for a target precision and
 * the expected calibration error are read on the same out-of-fold predictions.
 */

export interface Calibration {
  method: 'temperature';
  temperature: number;
  /** How T was fitted, e.g. "5-fold cross-validation on the training rows". */
  fittedOn: string;
  /** Expected calibration error of the out-of-fold confidences (10 bins), after scaling. */
  ece: number;
  /**
   * The lowest confidence whose assignments together reach `targetPrecision` out of fold; absent
   * when none does.
   */
  threshold?: { targetPrecision: number; minScore: number; coverage: number };
}

/** Calibrated probabilities of averaged probabilities `probs` under the model's offsets and T. */
export function calibratedProbs(
  probs: ArrayLike<number>,
  offsets: ArrayLike<number>,
  temperature: number,
  out = new Float64Array(probs.length),
): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < probs.length; c++) {
    const z = (Math.log((probs[c] as number) + 1e-12) + (offsets[c] ?? 0)) / temperature;
    out[c] = z;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let c = 0; c < probs.length; c++) {
    const e = Math.exp((out[c] as number) - max);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < probs.length; c++) out[c] = (out[c] as number) / sum;
  return out;
}

function negativeLogLikelihood(
  probs: Float64Array[],
  ys: number[],
  offsets: ArrayLike<number>,
  t: number,
): number {
  const scratch = new Float64Array(probs[0]?.length ?? 0);
  let nll = 0;
  probs.forEach((p, i) => {
    nll -= Math.log((calibratedProbs(p, offsets, t, scratch)[ys[i] as number] as number) + 1e-12);
  });
  return nll / Math.max(probs.length, 1);
}

/** T in [0.05, 20] minimising the negative log-likelihood (golden-section search on log T). */
export function fitTemperature(
  probs: Float64Array[],
  ys: number[],
  offsets: ArrayLike<number> = [],
): number {
  if (probs.length === 0) return 1;
  const f = (logT: number) => negativeLogLikelihood(probs, ys, offsets, Math.exp(logT));
  const golden = (Math.sqrt(5) - 1) / 2;
  let a = Math.log(0.05);
  let b = Math.log(20);
  let c = b - golden * (b - a);
  let d = a + golden * (b - a);
  let fc = f(c);
  let fd = f(d);
  // The likelihood is unimodal in log T; 40 steps narrow the bracket to about 1e-8 of its width.
  for (let i = 0; i < 40; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - golden * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + golden * (b - a);
      fd = f(d);
    }
  }
  return Math.exp((a + b) / 2);
}

/**
 * Expected calibration error: the confidences cut into `bins` equal-width bins, the gap between
 * each bin's mean confidence and its accuracy, weighted by the bin's share of the rows.
 */
export function expectedCalibrationError(
  confidence: number[],
  correct: boolean[],
  bins = 10,
): number {
  const n = confidence.length;
  if (n === 0) return 0;
  const sumConf = new Array<number>(bins).fill(0);
  const sumRight = new Array<number>(bins).fill(0);
  const count = new Array<number>(bins).fill(0);
  confidence.forEach((s, i) => {
    const b = Math.min(bins - 1, Math.floor(s * bins));
    sumConf[b] = (sumConf[b] as number) + s;
    sumRight[b] = (sumRight[b] as number) + (correct[i] ? 1 : 0);
    count[b] = (count[b] as number) + 1;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++)
    if ((count[b] as number) > 0)
      ece += Math.abs((sumConf[b] as number) - (sumRight[b] as number)) / n;
  return ece;
}

/**
 * The lowest threshold such that the assignments scoring at least it are right in a share
 * `targetPrecision` of cases (read on the top-scored first); `minRows` keeps a handful of lucky
 * top scores from setting it. Without any such set, 1: nothing is assigned.
 */
export function thresholdForPrecision(
  confidence: number[],
  correct: boolean[],
  targetPrecision: number,
  minRows = 20,
): { minScore: number; coverage: number; precision: number } {
  const order = confidence
    .map((_, i) => i)
    .sort((a, b) => (confidence[b] as number) - (confidence[a] as number));
  let right = 0;
  let best = { minScore: 1, coverage: 0, precision: 0 };
  order.forEach((i, rank) => {
    if (correct[i]) right++;
    const taken = rank + 1;
    const next = order[rank + 1];
    // A threshold sits between distinct scores: ties are taken or left together.
    if (next !== undefined && confidence[next] === confidence[i]) return;
    if (taken >= minRows && right / taken >= targetPrecision)
      best = {
        minScore: confidence[i] as number,
        coverage: taken / order.length,
        precision: right / taken,
      };
  });
  return best;
}
