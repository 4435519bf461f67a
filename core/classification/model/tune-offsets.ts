/**
 * Decision offsets chosen on out-of-fold probabilities: a threshold for binary tasks, a shift per
 * class for multi-class ones (coordinate ascent). They trade precision for recall where the
 * task's figure (macro-F1, or the F1 of the positive class) gains from it.
 */
import { evaluatePredictions } from './metrics.js';

/** 'accuracyMacroF1': their sum, for tasks measured on both (the drivers). */
export type TuneMetric = 'macroF1' | 'positiveF1' | 'accuracyMacroF1';

function score(
  probs: Float64Array[],
  ys: number[],
  offsets: number[],
  metric: TuneMetric,
  classes: string[],
): number {
  const predicted = probs.map((p) => {
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < p.length; c++) {
      const s = Math.log((p[c] as number) + 1e-12) + (offsets[c] as number);
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    return best;
  });
  const e = evaluatePredictions(classes, ys, predicted);
  if (metric === 'accuracyMacroF1') return e.accuracy + e.macroF1;
  return metric === 'macroF1' ? e.macroF1 : (e.perClass[1]?.f1 ?? 0);
}

const GRID = Array.from({ length: 61 }, (_, i) => -1.5 + i * 0.05);

export function tuneOffsets(
  probs: Float64Array[],
  ys: number[],
  classes: string[],
  metric: TuneMetric,
): number[] {
  const offsets = new Array<number>(classes.length).fill(0);
  let best = score(probs, ys, offsets, metric, classes);
  const rounds = classes.length === 2 ? 1 : 2;
  for (let round = 0; round < rounds; round++) {
    for (let c = 1; c < classes.length; c++) {
      let bestValue = offsets[c] as number;
      for (const value of GRID) {
        offsets[c] = value;
        const s = score(probs, ys, offsets, metric, classes);
        // Ties go to the offset nearest zero: no shift without a gain.
        if (
          s > best + 1e-9 ||
          (Math.abs(s - best) <= 1e-9 && Math.abs(value) < Math.abs(bestValue))
        ) {
          best = s;
          bestValue = value;
        }
      }
      offsets[c] = bestValue;
    }
  }
  return offsets;
}
