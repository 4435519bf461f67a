/**
 * Training from a labelled CSV file: the rows of one language (when the file has a `lang` column
 * and a language is asked for), the task's recipe, the file described in the model.
 */
import path from 'node:path';
import type { FeatureOptions } from './features.js';
import type { Task } from './labels.js';
import type { Model } from './model.js';
import { readCsvRows, rowsToExamples, type CsvColumns } from './read-csv.js';
import { RECIPES, type Recipe } from './recipes.js';
import { trainModel, type TrainingExample } from './train.js';

export interface TrainFileOptions extends CsvColumns {
  task: Task;
  input: string;
  lang: 'fr' | 'en';
  /** Overrides of the task recipe's features (bits of the hashed table, character n-grams). */
  features?: Partial<FeatureOptions>;
  /** Overrides of the task recipe itself (the shipped models keep one member for speed). */
  recipe?: Recipe;
  onProgress?: (message: string) => void;
}

/**
 * Trains from in-memory examples with the task's recipe: what retraining from stored corrections
 * and `POST /api/v1/classify` callers use. Small sets (under ~2,000 rows) do better on words only.
 */
export function trainFromExamples(
  examples: TrainingExample[],
  o: {
    task: Task;
    lang: 'fr' | 'en';
    source: string;
    features?: Partial<FeatureOptions>;
    onProgress?: (m: string) => void;
  },
): Model {
  const recipe = RECIPES[o.task];
  const small = examples.length < 2000 ? { charMin: 0, charMax: 0 } : {};
  return trainModel(examples, {
    ...recipe,
    task: o.task,
    lang: o.lang,
    source: o.source,
    features: { ...recipe.features, ...small, ...o.features },
    onProgress: o.onProgress,
  });
}

export async function trainFromFile(o: TrainFileOptions): Promise<Model> {
  const progress = o.onProgress ?? (() => {});
  let rows = await readCsvRows(o.input);
  if (rows[0] && 'lang' in rows[0]) {
    const before = rows.length;
    rows = rows.filter((r) => (r.lang ?? '').trim().toLowerCase() === o.lang);
    progress(`${rows.length} of ${before} rows have lang=${o.lang}`);
  }
  const examples = rowsToExamples(rows, o, o.input);
  const recipe = { ...RECIPES[o.task], ...o.recipe };
  return trainModel(examples, {
    ...recipe,
    task: o.task,
    lang: o.lang,
    source: `${path.basename(o.input)} (text: ${o.textColumn}, label: ${o.labelColumn})`,
    features: { ...recipe.features, ...o.features },
    onProgress: progress,
  });
}
