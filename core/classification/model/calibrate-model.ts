/**
 * Calibration of a model being trained, from its out-of-fold probabilities (train.ts): the
 * temperature, the calibration error it leaves, and the threshold for a target precision.
 */
import {
  calibratedProbs,
  expectedCalibrationError,
  fitTemperature,
  thresholdForPrecision,
  type Calibration,
} from './calibration.js';

export interface CalibrateOptions {
  /** Choose the lowest threshold whose assignments reach this precision out of fold. */
  targetPrecision?: number;
}

/** The decided class and its calibrated probability, per row. */
export function calibratedDecisions(
  probs: Float64Array[],
  offsets: ArrayLike<number>,
  temperature: number,
): { cls: number; score: number }[] {
  return probs.map((p) => {
    const q = calibratedProbs(p, offsets, temperature);
    let cls = 0;
    for (let c = 1; c < q.length; c++) if ((q[c] as number) > (q[cls] as number)) cls = c;
    return { cls, score: q[cls] as number };
  });
}

export function calibrate(
  probs: Float64Array[],
  ys: number[],
  offsets: number[],
  folds: number,
  o: CalibrateOptions,
): Calibration {
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  // Rounded before use: the figures below are those of the temperature the file stores.
  const temperature = round(fitTemperature(probs, ys, offsets));
  const decided = calibratedDecisions(probs, offsets, temperature);
  const confidence = decided.map((d) => d.score);
  const correct = decided.map((d, i) => d.cls === ys[i]);
  const calibration: Calibration = {
    method: 'temperature',
    temperature,
    fittedOn: `${folds}-fold cross-validation on the training rows`,
    ece: round(expectedCalibrationError(confidence, correct)),
  };
  if (o.targetPrecision === undefined) return calibration;
  const t = thresholdForPrecision(confidence, correct, o.targetPrecision);
  // No set of assignments reaches the target out of fold: no threshold of its own, rather than
  // one that assigns nothing (the taxonomy's minScore then applies).
  if (t.coverage === 0) return calibration;
  return {
    ...calibration,
    threshold: {
      targetPrecision: o.targetPrecision,
      minScore: round(t.minScore),
      coverage: round(t.coverage),
    },
  };
}
