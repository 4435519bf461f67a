/** Probabilities and decisions of a Model (the average of its members) for one prepared text. */
import type { PreparedText } from '../text/prepare.js';
import {
  createSparseVector,
  extractFeatures,
  type FeatureOptions,
  type SparseVector,
} from './features.js';
import { logits, softmax } from './linear-model.js';
import type { Model } from './model.js';

/**
 * Feature vectors of one text, per feature options: models that read the same features (the
 * dissatisfied and idea models) share one extraction. Buffers are reused from text to text.
 */
export class FeatureCache {
  private readonly slots: {
    options: FeatureOptions;
    vector: SparseVector;
    text: PreparedText | undefined;
  }[] = [];

  vector(p: PreparedText, options: FeatureOptions): SparseVector {
    let slot = this.slots.find((s) => sameFeatures(s.options, options));
    if (!slot) {
      slot = { options, vector: createSparseVector(), text: undefined };
      this.slots.push(slot);
    }
    if (slot.text !== p) {
      extractFeatures(p, options, slot.vector);
      slot.text = p;
    }
    return slot.vector;
  }
}

const sharedCache = new FeatureCache();

function sameFeatures(a: FeatureOptions, b: FeatureOptions): boolean {
  if (a === b) return true;
  return (Object.keys(a) as (keyof FeatureOptions)[]).every((key) => a[key] === b[key]);
}

/** Average of the members' probabilities; each distinct feature set is extracted once per text. */
export function predictProbs(
  model: Model,
  p: PreparedText,
  cache: FeatureCache = sharedCache,
): Float64Array {
  const first = model.members[0];
  if (!first) throw new Error(`model ${model.info.version}: no members`);
  const k = first.classes.length;
  const out = new Float64Array(k);
  const z = new Float64Array(k);
  for (const m of model.members) {
    softmax(logits(m, cache.vector(p, m.features), z));
    for (let c = 0; c < k; c++)
      out[c] = (out[c] as number) + (z[c] as number) / model.members.length;
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
