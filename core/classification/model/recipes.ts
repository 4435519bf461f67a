/**
 * The training settings per task, chosen by cross-validation on public benchmark data (see the
 * figures in bench and the classification README section): `ecoute train` uses them by default.
 * - sentiment: NB-weighted words and characters 2–5 (French tweets and airline three-class).
 * - dissatisfied: words only, a stronger learning rate and L2 (airline dissatisfied vs not).
 * - idea: words only; the lexicon's suggestion patterns carry across domains (forum → hotel).
 * - driver: what a dissatisfied mention is about (multi-class, the taxonomy's keys).
 */
import type { Task } from './labels.js';
import type { TrainModelOptions } from './train.js';

export type Recipe = Pick<
  TrainModelOptions,
  'features' | 'linear' | 'members' | 'ensemble' | 'tuneFolds'
>;

export const RECIPES: Record<Task, Recipe> = {
  sentiment: { linear: { learningRate: 0.1, nbAlpha: 1 } },
  dissatisfied: { linear: { learningRate: 0.2, l2: 1e-4 }, features: { charMax: 0 } },
  idea: { linear: { learningRate: 0.1 }, features: { charMax: 0 } },
  // Words, stems and bigrams without negation scopes or the sentiment lexicon: a driver is what
  // the complaint is about (airline reasons, 9 classes: see bench/drivers-public.ts).
  driver: {
    linear: { learningRate: 0.2, l2: 1e-4 },
    features: { bits: 18, charMin: 0, charMax: 0, lexiconScale: 0, negation: false },
  },
};
