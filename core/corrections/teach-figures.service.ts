/**
 * The figures the "teach Écoute" page shows moving: how many labels people have given (per task
 * and language, and in the last day), and per model in force its cross-validated figures (those
 * recorded in its file when it was trained: the shipped ones, or the last retraining's).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { CORRECTABLE_TASKS, type CorrectableTask } from './correction.service.js';
import { modelsInForce } from './teach-queue.service.js';

export interface ModelFigures {
  task: CorrectableTask;
  lang: 'fr' | 'en';
  version: string;
  /** True when trained from this installation's corrections (a retraining), false when shipped. */
  retrained: boolean;
  trainedAt: string;
  source: string;
  rows: number;
  evaluation: { method: string; accuracy: number; macroF1: number } | null;
}

export async function teachFigures(db: Db, modelsDir: string, now = new Date()) {
  const since = new Date(now.getTime() - 86_400_000);
  const r = await sql<{ task: CorrectableTask; lang: 'fr' | 'en'; total: number; recent: number }>`
    select task, lang, count(*)::int as total,
      count(*) filter (where created_at >= ${since})::int as recent
    from label_corrections group by 1, 2 order by 1, 2
  `.execute(db);
  const models = modelsInForce(modelsDir);
  const figures: ModelFigures[] = [];
  for (const lang of ['fr', 'en'] as const)
    for (const task of CORRECTABLE_TASKS) {
      const m = models[lang][task];
      if (!m) continue;
      const e = m.info.evaluation;
      figures.push({
        task,
        lang,
        version: m.info.version,
        retrained: existsSync(path.join(modelsDir, `${task}-${lang}.json`)),
        trainedAt: m.info.createdAt,
        source: m.info.training.source,
        rows: m.info.training.rows,
        evaluation: e ? { method: e.method, accuracy: e.accuracy, macroF1: e.macroF1 } : null,
      });
    }
  return {
    labels: {
      total: r.rows.reduce((a, x) => a + x.total, 0),
      lastDay: r.rows.reduce((a, x) => a + x.recent, 0),
      byTask: r.rows.map((x) => ({ task: x.task, lang: x.lang, count: x.total })),
    },
    models: figures,
  };
}
