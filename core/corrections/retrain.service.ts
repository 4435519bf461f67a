import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { saveModel, trainFromExamples, type TrainingExample } from '../classification/index.js';
import { readCsvRows, rowsToExamples } from '../classification/model/read-csv.js';
import type { Db } from '../db/database.js';
import { projectPath } from '../paths.js';
import { correctionExamples, type CorrectableTask } from './correction.service.js';

/** The project's own labelled messages, which the shipped models are trained on. */
export const SHIPPED_TRAINING_SET = projectPath('core/classification/training/messages.csv');

/**
 * A person's correction is targeted evidence about this brand's own conversations, where the
 * base set is generic: each counts as this many examples.
 */
export const CORRECTION_WEIGHT = 3;

export interface RetrainOutcome {
  task: CorrectableTask;
  lang: 'fr' | 'en';
  file: string;
  baseExamples: number;
  corrections: number;
  version: string;
}

/**
 * Trains the model of one task and language from the base set plus every stored correction and
 * writes it where the analysis threads load models from; the next batch they analyse uses it.
 */
export async function retrainFromCorrections(
  db: Db,
  o: { task: CorrectableTask; lang: 'fr' | 'en'; modelsDir: string; baseFile?: string },
): Promise<RetrainOutcome> {
  const baseFile = o.baseFile ?? SHIPPED_TRAINING_SET;
  const rows = (await readCsvRows(baseFile)).filter((r) => !('lang' in r) || r.lang === o.lang);
  const base = rowsToExamples(rows, { textColumn: 'text', labelColumn: o.task }, baseFile);
  const corrections = await correctionExamples(db, o.task, o.lang);
  const examples: TrainingExample[] = [
    ...base,
    ...corrections.flatMap((c) => Array.from({ length: CORRECTION_WEIGHT }, () => c)),
  ];
  const model = trainFromExamples(examples, {
    task: o.task,
    lang: o.lang,
    source: `${path.basename(baseFile)} (${base.length} rows) + ${corrections.length} corrections ×${CORRECTION_WEIGHT}`,
  });
  await mkdir(o.modelsDir, { recursive: true });
  const file = path.join(o.modelsDir, `${o.task}-${o.lang}.json`);
  await saveModel(model, file);
  return {
    task: o.task,
    lang: o.lang,
    file,
    baseExamples: base.length,
    corrections: corrections.length,
    version: model.info.version,
  };
}
