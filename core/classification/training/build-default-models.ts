/**
 * Rebuilds the shipped default models from Écoute's own labelled messages (messages.csv in this
 * folder, written by the project and distributed with it): sentiment, dissatisfied and idea, in
 * French and in English, into core/classification/models/.
 *
 *   npx tsx core/classification/training/build-default-models.ts
 *
 * Each model is the same as `ecoute train --task T --input core/classification/training/messages.csv
 * --text-column text --label-column T --lang L --bits 18 --char-ngrams none
 * --out core/classification/models/T-L.json`, except that dissatisfied and sentiment keep one
 * member (below).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHIPPED_MODELS_DIR } from '../analyzer/model-set.js';
import { TASKS, type Task } from '../model/labels.js';
import type { Recipe } from '../model/recipes.js';
import { saveModel } from '../model/model-file.js';
import { trainFromFile } from '../model/train-file.js';

/**
 * 2^18 slots: ample for a few hundred messages, a quarter of the memory of the default. Words
 * only: on these few hundred messages character n-grams lower the cross-validated macro-F1
 * (sentiment fr 0.90 → 0.84, en 0.87 → 0.82) and cost a third of the analysis time.
 */
const SHIPPED_FEATURES = { bits: 18, charMin: 0, charMax: 0 };
/**
 * One member for the shipped dissatisfied and sentiment models: the several views of `ecoute
 * train` read one more weight table per mention each (about 5 % of the analysis time), which the
 * default analyzer's 20,000 mentions/s per core cannot spare; on a few hundred messages the views
 * are all words anyway.
 */
const SHIPPED_RECIPES: Partial<Record<Task, Recipe>> = {
  dissatisfied: { linear: { learningRate: 0.2, l2: 1e-4 }, members: undefined },
  sentiment: { members: undefined },
};
const input = path.join(path.dirname(fileURLToPath(import.meta.url)), 'messages.csv');

for (const lang of ['fr', 'en'] as const) {
  for (const task of TASKS) {
    const model = await trainFromFile({
      task,
      input,
      lang,
      textColumn: 'text',
      labelColumn: task,
      features: SHIPPED_FEATURES,
      recipe: SHIPPED_RECIPES[task],
    });
    const out = path.join(SHIPPED_MODELS_DIR, `${task}-${lang}.json`);
    await saveModel(model, out);
    const cv = model.info.evaluation;
    process.stderr.write(
      `${out}: ${model.info.training.rows} rows, cross-validated macro-F1 ${cv?.macroF1.toFixed(3) ?? 'n/a'}\n`,
    );
  }
}
