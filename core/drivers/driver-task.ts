/**
 * Driver classification of a batch as the analysis threads run it, off the worker's event loop.
 * Models travel as their stored JSON (kilobytes: the weights are stored sparse) and are parsed
 * once per thread and version.
 */
import { parseModel, serializeModel, type Model } from '../classification/index.js';
import { createDriverClassifier, type DriverResult } from './driver-classifier.js';

type DriverLang = 'fr' | 'en';

export interface DriverTask {
  items: { text: string; lang: DriverLang }[];
  models: { lang: DriverLang; version: string; json: string }[];
  minScore: number;
}

/** Per item: the decision, or null when no model serves its language. */
export type DriverTaskResult = (DriverResult | null)[];

/** The task for `items` under the models in force (serialised once per model object). */
export function driverTask(
  models: Partial<Record<DriverLang, Model>>,
  minScore: number,
  items: DriverTask['items'],
): DriverTask {
  return {
    items,
    minScore,
    models: Object.entries(models).map(([lang, m]) => ({
      lang: lang as DriverLang,
      version: m.info.version,
      json: serialized(m),
    })),
  };
}

const json = new WeakMap<Model, string>();
function serialized(m: Model): string {
  let s = json.get(m);
  if (s === undefined) {
    s = serializeModel(m);
    json.set(m, s);
  }
  return s;
}

/** Parsed models by version in this thread; a retraining adds one, so old ones are let go. */
const parsed = new Map<string, Model>();
const KEPT_VERSIONS = 8;

export function runDriverTask(task: DriverTask): DriverTaskResult {
  const models: Partial<Record<DriverLang, Model>> = {};
  for (const m of task.models) {
    let model = parsed.get(m.version);
    if (!model) {
      if (parsed.size >= KEPT_VERSIONS) parsed.clear();
      model = parseModel(m.json, `driver model ${m.version}`);
      parsed.set(m.version, model);
    }
    models[m.lang] = model;
  }
  const classifier = createDriverClassifier(models, task.minScore);
  return task.items.map((i) => classifier.classify(i.text, i.lang) ?? null);
}
