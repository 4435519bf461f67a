/**
 * The training settings per task, chosen by cross-validation on public benchmark data (see the
 * figures in bench and the classification README section): `ecoute train` uses them by default.
 * - sentiment: two views averaged, NB-weighted words and characters 2–5, and the same features
 *   plain (learning rate 0.05). 5-fold CV inside the 80 % training part, macro-F1 without
 *   offsets: airline three-class 0.767 → 0.771 (three fold draws: 0.768/0.764/0.769 →
 *   0.774/0.765/0.775), French tweets 0.637 → 0.637.
 * - dissatisfied: three views averaged, NB-weighted words, NB-weighted characters 2–5 alone and
 *   plain words. On the airline tweets (5-fold CV inside the 80 % training part, three fold
 *   draws, offsets tuned on the folds) macro-F1 0.853 (0.856/0.850/0.852) against 0.850
 *   (0.853/0.849/0.848) for the former two views (NB words; plain words + characters), 0.848 for
 *   NB words alone. Moved it by less than 0.002 or lowered it: word trigrams, skip-bigrams,
 *   characters within words only, binary or log counts, 2^22 slots, feature dropout, NB/linear
 *   interpolation (β 0.25–0.75), more seeds, l2 1e-6–1e-3, 6–24 epochs, a three-class model
 *   (even on the true three-class labels) or the shipped sentiment model's P(negative).
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
  sentiment: {
    linear: { learningRate: 0.1, nbAlpha: 1 },
    members: [{}, { linear: { learningRate: 0.05, nbAlpha: 0 } }],
  },
  dissatisfied: {
    linear: { learningRate: 0.1 },
    // NB words, NB characters (word features present but weighted 0), plain words. Without
    // character n-grams (--char-ngrams none, small sets) the characters view reads nothing and is
    // dropped: NB words and plain words remain.
    members: [
      { features: { charMax: 0 }, linear: { nbAlpha: 1 } },
      { features: { wordScale: 0, lexiconScale: 0 }, linear: { nbAlpha: 1 } },
      { features: { charMax: 0 } },
    ],
  },
  idea: { linear: { learningRate: 0.1 }, features: { charMax: 0 } },
  // Without negation scopes or the sentiment lexicon: a driver is what the complaint is about.
  // Two views averaged, words + characters 3–5 and characters alone (dropped without character
  // n-grams), with a strong L2. Airline reasons, 9 classes, 5-fold CV inside the 80 % training
  // part: accuracy 0.659, macro-F1 0.521 before offsets, against 0.636 / 0.495 for the former
  // words-only recipe (L2 1e-4); see bench/drivers-public.ts and core/drivers/driver-model.ts.
  driver: {
    linear: { learningRate: 0.2, l2: 0.01 },
    features: { bits: 18, charMin: 3, charMax: 5, lexiconScale: 0, negation: false },
    members: [{}, { features: { wordScale: 0 } }],
  },
};
