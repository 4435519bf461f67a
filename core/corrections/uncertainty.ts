/**
 * How unsure a model is of one text, for uncertainty sampling (the "teach Écoute" queue): the
 * mentions an analyst labels first are those whose label would teach the model most.
 * - three-class sentiment: the entropy of the probabilities over log 3 (0: certain, 1: uniform);
 * - a binary decision (dissatisfied, idea): nearness to the decision boundary, exp(−|margin|)
 *   with the margin on the log-odds scale after the model's tuned offsets (1: on the boundary).
 */

export function normalizedEntropy(probs: ArrayLike<number>): number {
  if (probs.length < 2) return 0;
  let h = 0;
  for (let c = 0; c < probs.length; c++) {
    const p = probs[c] as number;
    if (p > 0) h -= p * Math.log(p);
  }
  return h / Math.log(probs.length);
}

/** `probs` [P(no), P(yes)], `offsets` the model's decision offsets. */
export function boundaryNearness(probs: ArrayLike<number>, offsets: ArrayLike<number>): number {
  const yes = Math.log((probs[1] as number) + 1e-12) + (offsets[1] ?? 0);
  const no = Math.log((probs[0] as number) + 1e-12) + (offsets[0] ?? 0);
  return Math.exp(-Math.abs(yes - no));
}
