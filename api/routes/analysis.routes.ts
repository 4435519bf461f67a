import { z } from 'zod';
import {
  createAnalysisEngine,
  modelsSignature,
  type AnalysisEngine,
} from '../../core/analysis/analysis-engine.js';
import { modelsDir } from '../../core/config/config.js';
import {
  correctionSchema,
  correctLabel,
  listCorrections,
  CORRECTABLE_TASKS,
} from '../../core/corrections/correction.service.js';
import {
  getReanalysis,
  reanalysisRequestSchema,
  startReanalysis,
} from '../../core/corrections/reanalysis.service.js';
import { retrainFromCorrections } from '../../core/corrections/retrain.service.js';
import type { AppDeps } from '../deps.js';
import { ADMIN, ANALYST, READ, route, type Route } from '../route.js';

/**
 * Ad-hoc classification runs on the API's own thread: at most 100 texts of 5,000 characters,
 * about 5 ms of work for tweet-length texts, so a request never holds the event loop for long.
 */
const classifySchema = z
  .object({
    texts: z
      .array(
        z
          .object({
            id: z.string().max(200).optional(),
            text: z.string().min(1).max(5_000),
            lang: z.string().max(16).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(100),
  })
  .strict();

const retrainSchema = z
  .object({ task: z.enum(CORRECTABLE_TASKS), lang: z.enum(['fr', 'en']) })
  .strict();

export function analysisRoutes(deps: AppDeps): Route[] {
  const dir = modelsDir(deps.config);
  let engine: Promise<AnalysisEngine> | undefined;
  let signature = '';
  const currentEngine = () => {
    const now = modelsSignature(dir);
    if (!engine || now !== signature) {
      engine = createAnalysisEngine(dir);
      signature = now;
    }
    return engine;
  };
  return [
    route({
      method: 'post',
      path: '/classify',
      audit: { unrecorded: 'analyses the texts sent and stores nothing' },
      tag: 'analysis',
      summary:
        'Analyse up to 100 texts: language, sentiment, dissatisfaction, signals, idea, evidence',
      roles: READ,
      body: classifySchema,
      handler: async ({ body }) => {
        const e = await currentEngine();
        const result = e.run({
          items: body.texts.map((t) => ({
            text: t.text,
            url: null,
            title: null,
            langHint: t.lang ?? null,
            authorHandle: null,
            platform: 'api',
            sourceName: null,
          })),
          topics: [],
          modelsDir: dir,
        });
        return {
          modelVersion: result.modelVersion,
          items: result.analyses.map((a, i) => ({ id: body.texts[i]!.id ?? String(i), ...a })),
        };
      },
    }),
    route({
      method: 'get',
      path: '/mentions/:id/labels',
      tag: 'analysis',
      summary: "People's corrections of a mention's labels",
      roles: READ,
      handler: async ({ params }) => ({ items: await listCorrections(deps.db, params.id!) }),
    }),
    route({
      method: 'post',
      path: '/mentions/:id/labels',
      audit: {
        action: 'label.correct',
        target: 'mention',
        details: ({ body }) => ({ task: body.task, label: body.label }),
      },
      tag: 'analysis',
      summary:
        'Correct a label (sentiment, dissatisfied, idea); the next training of that model uses it',
      roles: ANALYST,
      body: correctionSchema,
      status: 201,
      handler: async ({ req, params, body }) =>
        correctLabel(deps.db, params.id!, body, req.principal?.keyId ?? null),
    }),
    route({
      method: 'post',
      path: '/models/retrain',
      audit: { action: 'model.retrain', target: 'model', details: ({ body }) => body },
      tag: 'analysis',
      summary: "Retrain one task's model for one language from the base set and every correction",
      roles: ADMIN,
      body: retrainSchema,
      status: 201,
      handler: async ({ body }) => retrainFromCorrections(deps.db, { ...body, modelsDir: dir }),
    }),
    route({
      method: 'post',
      path: '/reanalysis',
      audit: { action: 'reanalysis.start', target: 'reanalysis' },
      tag: 'analysis',
      summary: 'Re-analyse stored mentions (optionally of a time range) with the current models',
      roles: ADMIN,
      body: reanalysisRequestSchema,
      status: 202,
      handler: async ({ req, body }) =>
        startReanalysis(deps.db, deps.queues, body, req.principal?.keyId ?? null),
    }),
    route({
      method: 'get',
      path: '/reanalysis/:id',
      tag: 'analysis',
      summary: 'Progress of a re-analysis run',
      roles: READ,
      handler: async ({ params }) => getReanalysis(deps.db, params.id!),
    }),
  ];
}
