import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { saveModel, trainFromExamples, type TrainingExample } from '../classification/index.js';
import { shippedModels } from '../classification/analyzer/model-set.js';
import type { Model } from '../classification/model/model.js';
import { readCsvRows, rowsToExamples } from '../classification/model/read-csv.js';
import { adaptModel } from '../classification/training/adapt.js';
import type { Db } from '../db/database.js';
import { correctionExamples, type CorrectableTask } from './correction.service.js';

/**
 * With a base CSV of the user's (`--base`), a person's correction is targeted evidence about this
 * brand's own conversations, where the base set is generic: each counts as this many examples.
 */
export const CORRECTION_WEIGHT = 3;

export interface RetrainOutcome {
  task: CorrectableTask;
  lang: 'fr' | 'en';
  file: string;
  baseExamples: number;
  corrections: number;
  version: string;
  /** The new model's cross-validated figures, as recorded in its file. */
  evaluation: { method: string; accuracy: number; macroF1: number } | null;
}

function shippedModel(task: CorrectableTask, lang: 'fr' | 'en'): Model {
  const model = shippedModels().find((m) => m.info.task === task && m.info.lang === lang);
  if (!model) throw new Error(`no shipped ${task} model for ${lang}`);
  return model;
}

/** A base CSV of the user's plus the corrections, each counting CORRECTION_WEIGHT times. */
async function trainOnBaseFile(
  baseFile: string,
  corrections: TrainingExample[],
  o: { task: CorrectableTask; lang: 'fr' | 'en' },
): Promise<{ model: Model; baseExamples: number }> {
  const rows = (await readCsvRows(baseFile)).filter((r) => !('lang' in r) || r.lang === o.lang);
  const base = rowsToExamples(rows, { textColumn: 'text', labelColumn: o.task }, baseFile);
  const examples: TrainingExample[] = [
    ...base,
    ...corrections.flatMap((c) => Array.from({ length: CORRECTION_WEIGHT }, () => c)),
  ];
  const model = trainFromExamples(examples, {
    task: o.task,
    lang: o.lang,
    source: `${path.basename(baseFile)} (${base.length} rows) + ${corrections.length} corrections ×${CORRECTION_WEIGHT}`,
  });
  return { model, baseExamples: base.length };
}

/**
 * Retrains the model of one task and language from every stored correction and writes it where
 * the analysis threads load models from; the next batch they analyse uses it. By default the
 * shipped model is adapted to the corrections (it starts from what it knows and the corrections
 * move it); with `baseFile`, a model is trained on that CSV plus the corrections instead.
 */
export async function retrainFromCorrections(
  db: Db,
  o: { task: CorrectableTask; lang: 'fr' | 'en'; modelsDir: string; baseFile?: string },
): Promise<RetrainOutcome> {
  const corrections = await correctionExamples(db, o.task, o.lang);
  const base = shippedModel(o.task, o.lang);
  const { model, baseExamples } = o.baseFile
    ? await trainOnBaseFile(o.baseFile, corrections, o)
    : {
        model: adaptModel(base, corrections, {
          task: o.task,
          lang: o.lang,
          source: `${corrections.length} corrections`,
        }),
        baseExamples: base.info.training.rows,
      };
  await mkdir(o.modelsDir, { recursive: true });
  const file = path.join(o.modelsDir, `${o.task}-${o.lang}.json`);
  await saveModel(model, file);
  return {
    task: o.task,
    lang: o.lang,
    file,
    baseExamples,
    corrections: corrections.length,
    version: model.info.version,
    evaluation: model.info.evaluation
      ? {
          method: model.info.evaluation.method,
          accuracy: model.info.evaluation.accuracy,
          macroF1: model.info.evaluation.macroF1,
        }
      : null,
  };
}
