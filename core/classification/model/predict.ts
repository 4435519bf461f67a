/** Probabilities and decisions of a Model (the average of its members) for one prepared text. */
import type { PreparedText } from '../text/prepare.js';
import {
  createSparseVector,
  extractFeatures,
  type FeatureOptions,
  type SparseVector,
} from './features.js';
import { softmax } from './linear-model.js';
import type { Model } from './model.js';
import { predictLogits } from './sparse-weights.js';

interface FeatureSlot {
  options: FeatureOptions;
  vector: SparseVector;
  text: PreparedText | undefined;
}

/**
 * Feature vectors of one text, per feature options: models that read the same features (the
 * dissatisfied and idea models) share one extraction. Buffers are reused from text to text.
 */
export class FeatureCache {
  /** One slot per distinct set of options. */
  private readonly slots: FeatureSlot[] = [];
  /** Each options object seen, to its slot: models loaded from files never share the object. */
  private readonly byObject = new WeakMap<FeatureOptions, FeatureSlot>();

  vector(p: PreparedText, options: FeatureOptions): SparseVector {
    let slot = this.byObject.get(options);
    if (!slot) {
      slot = this.slots.find((s) => sameFeatures(s.options, options));
      if (!slot) {
        slot = { options, vector: createSparseVector(), text: undefined };
        this.slots.push(slot);
      }
      this.byObject.set(options, slot);
    }
    if (slot.text !== p) {
      extractFeatures(p, options, slot.vector);
      slot.text = p;
    }
    return slot.vector;
  }
}

/** The cache predictions use unless given their own. */
export const sharedFeatureCache = new FeatureCache();

export function sameFeatures(a: FeatureOptions, b: FeatureOptions): boolean {
  if (a === b) return true;
  return (Object.keys(a) as (keyof FeatureOptions)[]).every((key) => a[key] === b[key]);
}

/** Scratch logits, one per class count: predictProbs runs synchronously. */
const scratch = new Map<number, Float64Array>();

/** Adds one member's share of the average to `out`: softmax of its logits `z` (in place), / n. */
export function addMemberProbs(out: Float64Array, z: Float64Array, members: number): void {
  softmax(z);
  for (let c = 0; c < out.length; c++) out[c] = (out[c] as number) + (z[c] as number) / members;
}

/** Average of the members' probabilities; each distinct feature set is extracted once per text. */
export function predictProbs(
  model: Model,
  p: PreparedText,
  cache: FeatureCache = sharedFeatureCache,
): Float64Array {
  const first = model.members[0];
  if (!first) throw new Error(`model ${model.info.version}: no members`);
  const k = first.classes.length;
  const out = new Float64Array(k);
  let z = scratch.get(k);
  if (!z) scratch.set(k, (z = new Float64Array(k)));
  for (const m of model.members)
    addMemberProbs(out, predictLogits(m, cache.vector(p, m.features), z), model.members.length);
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
