/**
 * The training settings per task, chosen by cross-validation on public benchmark data (see the
 * figures in bench and the classification README section): `ecoute train` uses them by default.
 * - sentiment: NB-weighted words and characters 2–5 (French tweets and airline three-class).
 * - dissatisfied: two views averaged, NB-weighted words and plain words + characters 2–5. On the
 *   airline tweets (3-fold CV inside the 80 % training part) macro-F1 0.846 against 0.835 for the
 *   former words-only model and 0.839/0.840 for each view alone; seeds, α 0.5, a third view
 *   (NB words + characters) or a 3-class model's P(negative) moved it by less than 0.002.
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
  dissatisfied: {
    linear: { learningRate: 0.1 },
    // Without character n-grams (--char-ngrams none, small sets) the second view is plain words.
    members: [{ features: { charMax: 0 }, linear: { nbAlpha: 1 } }, {}],
  },
  idea: { linear: { learningRate: 0.1 }, features: { charMax: 0 } },
  // Words, stems and bigrams without negation scopes or the sentiment lexicon: a driver is what
  // the complaint is about (airline reasons, 9 classes: see bench/drivers-public.ts).
  driver: {
    linear: { learningRate: 0.2, l2: 1e-4 },
    features: { bits: 18, charMin: 0, charMax: 0, lexiconScale: 0, negation: false },
  },
};
