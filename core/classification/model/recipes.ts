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
 * - driver: what a dissatisfied mention is about (multi-class, the taxonomy's keys); see below.
 */
import type { Task } from './labels.js';
import type { TrainModelOptions } from './train.js';

export type Recipe = Pick<
  TrainModelOptions,
  | 'features'
  | 'linear'
  | 'members'
  | 'ensemble'
  | 'tuneFolds'
  | 'tuneMetric'
  | 'tuneOffsets'
  | 'calibration'
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
  // One view: words and their stems, pairs of content words anywhere in the text, characters
  // 3–5 inside each word, and the keyword groups of the taxonomy's phrases (given at training,
  // core/drivers/driver-keywords.ts); a lower learning rate and a strong L2; offsets tuned on
  // accuracy + macro-F1 (macro-F1 alone gave up accuracy for no steady macro-F1 gain).
  // Chosen by 5-fold CV inside the 80 % training part of the airline reasons (9 classes, the
  // airline taxonomy's keywords, core/drivers/airline-drivers.ts), offsets tuned on the other
  // folds, three fold draws: accuracy 0.684/0.684/0.681, macro-F1 0.585/0.580/0.581, against
  // 0.656/0.662/0.656 and 0.549/0.548/0.552 for the former two views (words + characters 3–5
  // across words, characters alone; learning rate 0.2, L2 0.01, offsets on macro-F1). Each
  // part, on the words view: stems +2 points of accuracy, pairs +1.3, keywords +1.2 (and +6 of
  // macro-F1). Moved it by less than 0.005 or lowered it: word trigrams, binary or log counts,
  // NB weighting, 2^16–2^20 slots, characters 2–5 or 3–6 or across words, keyword values
  // 0.3–1, L2 3e-3–3e-2, learning rates 0.02–0.5, 6–24 epochs, softer class weights (√ of
  // balanced, none), two seeds or a characters-only view averaged, the sentiment lexicon,
  // negation scopes.
  driver: {
    linear: { learningRate: 0.05, l2: 0.03 },
    features: {
      bits: 18,
      charMin: 3,
      charMax: 5,
      charsWithinWords: true,
      wordPairs: true,
      keywordScale: 0.5,
      lexiconScale: 0,
      negation: false,
    },
    tuneMetric: 'accuracyMacroF1',
    calibration: { targetPrecision: 0.7 },
  },
};
