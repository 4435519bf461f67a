/**
 * The driver classifier without a database (`ecoute classify`): the driver models given as
 * files, and for a language without one, a model trained on the shipped taxonomy's phrases.
 */
import type { Analysis } from '../classification/analysis.js';
import type { Model } from '../classification/index.js';
import { DEFAULT_DRIVERS, DEFAULT_MIN_SCORE } from './default-taxonomy.js';
import {
  createDriverClassifier,
  type DriverClassifier,
  type DriverDecision,
} from './driver-classifier.js';
import { driverTrainingSet, trainDriverModel } from './driver-model.js';

export function offlineDriverClassifier(
  models: Model[],
  minScore = DEFAULT_MIN_SCORE,
): DriverClassifier {
  const byLang: Partial<Record<'fr' | 'en', Model>> = {};
  for (const m of models) if (m.info.task === 'driver') byLang[m.info.lang] = m;
  for (const lang of ['fr', 'en'] as const) {
    byLang[lang] ??= trainDriverModel(
      driverTrainingSet(DEFAULT_DRIVERS, lang),
      lang,
      'shipped taxonomy phrases',
    );
  }
  return createDriverClassifier(byLang, minScore);
}

/**
 * The `driver` and `driver_best` fields of a classified line: null unless dissatisfied, French or
 * English; `driver` also null when not confident, `driver_best` the most probable driver and its
 * score even under the threshold. `classifier` is called on the first dissatisfied line only:
 * training the shipped taxonomy's models takes about a second, which a run without complaints
 * does not pay.
 */
export function driverOf(
  classifier: () => DriverClassifier,
  text: string,
  a: Analysis,
): { driver: DriverDecision | null; driver_best: DriverDecision | null } {
  if (!a.dissatisfied || a.lang === 'unknown') return { driver: null, driver_best: null };
  const r = classifier().classify(text, a.lang);
  return { driver: r?.driver ?? null, driver_best: r?.best ?? null };
}
