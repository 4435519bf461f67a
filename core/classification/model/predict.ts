/** Probabilities and decisions of a Model (the average of its members) for one prepared text. */
import type { PreparedText } from '../text/prepare.js';
import { createSparseVector, extractFeatures, type FeatureOptions, type SparseVector } from './features.js';
import { logits, softmax } from './linear-model.js';
import type { Model } from './model.js';

/** One reusable buffer per thread: prediction allocates nothing per mention but the result. */
const buffer: SparseVector = createSparseVector();

function sameFeatures(a: FeatureOptions, b: FeatureOptions): boolean {
  if (a === b) return true;
  return (Object.keys(a) as (keyof FeatureOptions)[]).every((key) => a[key] === b[key]);
}

/** Average of the members' probabilities; features are extracted again only when a member's differ. */
export function predictProbs(model: Model, p: PreparedText): Float64Array {
  const first = model.members[0];
  if (!first) throw new Error(`model ${model.info.version}: no members`);
  const k = first.classes.length;
  const out = new Float64Array(k);
  const z = new Float64Array(k);
  let current: FeatureOptions | undefined;
  for (const m of model.members) {
    if (!current || !sameFeatures(current, m.features)) {
      current = m.features;
      extractFeatures(p, current, buffer);
    }
    softmax(logits(m, buffer, z));
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (z[c] as number) / model.members.length;
  }
  return out;
}

/** Index of the predicted class of averaged probabilities, with the model's offsets. */
export function decideClass(model: Model, probs: Float64Array): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < probs.length; c++) {
    const s = Math.log((probs[c] as number) + 1e-12) + (model.offsets[c] ?? 0);
    if (s > bestScore) {
      bestScore = s;
      best = c;
    }
  }
  return best;
}
