/**
 * The models an analyzer uses, one per (task, language): the shipped defaults, overridden by any
 * model given by the user for the same task and language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Task } from '../model/labels.js';
import type { Model } from '../model/model.js';
import { parseModel } from '../model/model-file.js';
import { projectPath } from '../../paths.js';

export type ModelKey = `${Task}:${'fr' | 'en'}`;
export type ModelSet = Map<ModelKey, Model>;

/** Where the shipped default models live (trained on core/classification/training/). */
export const SHIPPED_MODELS_DIR = projectPath('core/classification/models');

export function modelKey(m: Model): ModelKey {
  return `${m.info.task}:${m.info.lang}`;
}

/** Synchronous: an analyzer is built once per worker thread, before its first batch. */
export function loadModelsSync(dir: string): Model[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return files.map((f) => parseModel(readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f)));
}

let shipped: Model[] | undefined;

/** The shipped models, read once per thread. */
export function shippedModels(): Model[] {
  shipped ??= loadModelsSync(SHIPPED_MODELS_DIR);
  return shipped;
}

export function buildModelSet(
  overrides: Model[] = [],
  defaults: Model[] = shippedModels(),
): ModelSet {
  const set: ModelSet = new Map();
  for (const m of defaults) set.set(modelKey(m), m);
  for (const m of overrides) set.set(modelKey(m), m);
  return set;
}
