/**
 * Rebuilds every shipped model, and the word-polarity lexicons their features read, from the
 * project's own texts (this folder) and `../shared/data/permissive` (or $ECOUTE_SHARED_DIR/data/
 * permissive), by the recipe in recipe.ts:
 *
 *   npm run models:build
 *
 * Deterministic: the same inputs give byte-identical files (a test rebuilds one and compares).
 * Each model lists the files it learned from, their licences and weights (see NOTICE).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { SHIPPED_MODELS_DIR } from '../analyzer/model-set.js';
import { saveModel } from '../model/model-file.js';
import { writePolarityLexicons } from './polarity-lexicons.js';
import { SHIPPED_RECIPES, trainShipped, type AnalysisTask } from './recipe.js';
import { permissiveDir } from './shipped-sources.js';

const log = (m: string) => process.stderr.write(`${m}\n`);

if (!existsSync(permissiveDir())) {
  log(
    `models:build: the permissive data folder ${permissiveDir()} is absent (set ECOUTE_SHARED_DIR to the folder holding data/permissive)`,
  );
  process.exit(2);
}

const words = writePolarityLexicons();
log(`polarity lexicons: ${words.en} English words, ${words.fr} French words`);

for (const task of Object.keys(SHIPPED_RECIPES) as AnalysisTask[]) {
  for (const lang of ['en', 'fr'] as const) {
    const started = Date.now();
    const model = trainShipped(task, lang);
    const out = path.join(SHIPPED_MODELS_DIR, `${task}-${lang}.json`);
    await saveModel(model, out);
    const cv = model.info.evaluation;
    log(
      `${path.relative(process.cwd(), out)}: ${model.info.training.rows} rows from ${model.info.training.sources?.length ?? 0} files, ` +
        `cross-validated macro-F1 on the project's texts ${cv?.macroF1.toFixed(3) ?? 'n/a'} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
}
