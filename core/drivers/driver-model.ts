/**
 * Driver models: the same hashed sparse features and linear models as the analysis, trained on
 * the taxonomy's example phrases (usable before any mention is labelled) plus analysts'
 * corrections, one model per language. Negation marks and the sentiment lexicon are left out:
 * a driver is what the complaint is about, not how negative it is. The phrases' content words
 * are also keyword features (driver-keywords.ts), so they keep steering a model trained mostly
 * on corrections.
 */
import { trainModel, type Model, type TrainingExample } from '../classification/index.js';
import { RECIPES, type Recipe } from '../classification/model/recipes.js';
import { driverKeywords } from './driver-keywords.js';
import { phraseExamples, type DriverDefinition } from './taxonomy.js';

/** The task's recipe (core/classification/model/recipes.ts), measured on the airline reasons. */
export const DRIVER_RECIPE: Recipe = RECIPES.driver;

/**
 * Phrases alone are a few dozen short rows: words only (one view), more passes and almost no L2,
 * or every probability stays near uniform and nothing clears the threshold. The recipe's
 * characters and its strong L2 pay on thousands of real mentions, not on a few phrases.
 */
const PHRASES_ONLY_LINEAR = { learningRate: 0.5, l2: 1e-6, epochs: 40 };
const PHRASES_ONLY_FEATURES = { charMin: 0, charMax: 0 };

/** A correction counts as this many phrases: it is a real mention of this brand's customers. */
export const CORRECTION_WEIGHT = 3;
/** Below this many labelled rows the decision offsets are not tuned (the folds would be noise). */
const MIN_ROWS_TO_TUNE = 200;

export interface DriverTrainingSet {
  phrases: TrainingExample[];
  corrections: TrainingExample[];
}

export function driverTrainingSet(
  drivers: DriverDefinition[],
  lang: 'fr' | 'en',
  corrections: TrainingExample[] = [],
): DriverTrainingSet {
  const keys = new Set(drivers.map((d) => d.key));
  return {
    phrases: phraseExamples(drivers, lang),
    corrections: corrections.filter((c) => keys.has(c.label)),
  };
}

/**
 * A model for one language, or undefined when fewer than two drivers have examples in it. With
 * enough corrections it is calibrated and its threshold chosen for `targetPrecision` (the
 * taxonomy's; the recipe's by default); a model of phrases is not (its scores are compared with
 * the taxonomy's minScore).
 */
export function trainDriverModel(
  set: DriverTrainingSet,
  lang: 'fr' | 'en',
  source: string,
  recipe: Recipe = DRIVER_RECIPE,
  targetPrecision?: number,
): Model | undefined {
  const examples = [
    ...set.phrases,
    ...set.corrections.flatMap((c) => Array.from({ length: CORRECTION_WEIGHT }, () => c)),
  ];
  if (new Set(examples.map((e) => e.label)).size < 2) return undefined;
  const labelled = set.corrections.length + set.phrases.length;
  const phrasesOnly = set.corrections.length < MIN_ROWS_TO_TUNE;
  const settings: Recipe = phrasesOnly
    ? {
        ...recipe,
        features: { ...recipe.features, ...PHRASES_ONLY_FEATURES },
        linear: { ...recipe.linear, ...PHRASES_ONLY_LINEAR },
        members: undefined,
        calibration: undefined,
      }
    : {
        ...recipe,
        calibration: recipe.calibration && {
          ...recipe.calibration,
          ...(targetPrecision === undefined ? {} : { targetPrecision }),
        },
      };
  return trainModel(examples, {
    ...settings,
    features: { ...settings.features, keywords: driverKeywords(set.phrases, lang) },
    task: 'driver',
    lang,
    source,
    tuneFolds: labelled >= MIN_ROWS_TO_TUNE ? (recipe.tuneFolds ?? 3) : 0,
  });
}
