/**
 * The "teach Écoute" queue: among recent analysed mentions nobody has labelled, those the models
 * in force are least sure of (uncertainty sampling), most uncertain first. Each is scored again
 * with the current models rather than read from its stored analysis, so a retraining reorders
 * the queue at once. Labels are stored as corrections (correction.service.ts).
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { modelsSignature } from '../analysis/analysis-engine.js';
import { buildModelSet, loadModelsSync } from '../classification/analyzer/model-set.js';
import type { Model } from '../classification/model/model.js';
import { predictProbs } from '../classification/model/predict.js';
import { prepareText } from '../classification/text/prepare.js';
import type { Db } from '../db/database.js';
import { boundaryNearness, normalizedEntropy } from './uncertainty.js';

export const teachQueueQuerySchema = z
  .object({
    days: z.coerce.number().int().min(1).max(365).default(30),
    limit: z.coerce.number().int().min(1).max(50).default(10),
    /** Mentions skipped in this session, comma-separated ids: not offered again. */
    exclude: z
      .string()
      .regex(/^\d{1,18}(,\d{1,18}){0,199}$/, 'comma-separated mention ids (up to 200)')
      .optional(),
  })
  .strict();
export type TeachQueueQuery = z.output<typeof teachQueueQuerySchema>;

/**
 * Scoring re-reads the texts with up to three models on the API's thread, about the work of one
 * analysis per text (bench:classify: over 14,000 per second on a free core), so 500 candidates
 * hold the event loop for tens of milliseconds; on the shared development machine under a load
 * average of 30, 1,000 took 0.9 s, hence 500.
 */
const CANDIDATES = 500;

type Uncertain = 'sentiment' | 'dissatisfied' | 'idea';
type LanguageModels = { sentiment?: Model; dissatisfied?: Model; idea?: Model };

export interface TeachItem {
  mentionId: string;
  text: string;
  lang: 'fr' | 'en';
  platform: string;
  author: string | null;
  url: string | null;
  publishedAt: string;
  /** The current models' reading: sentiment probabilities, P(dissatisfied), P(idea). */
  reading: {
    sentiment: { negative: number; neutral: number; positive: number } | null;
    dissatisfied: number | null;
    idea: number | null;
  };
  /** 0–1, the largest of the three tasks' uncertainties, and the task it comes from. */
  uncertainty: number;
  unsureAbout: Uncertain;
}

interface CandidateRow {
  id: string;
  text: string;
  lang: 'fr' | 'en';
  platform: string;
  handle: string | null;
  url: string | null;
  published_at: Date;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function probsByClass(model: Model, probs: Float64Array, name: string): number {
  const i = model.members[0]?.classes.indexOf(name) ?? -1;
  return i >= 0 ? round(probs[i] as number) : 0;
}

/** The uncertainties of one text under a language's models. */
export function readUncertainty(
  models: LanguageModels,
  text: string,
  lang: 'fr' | 'en',
): Pick<TeachItem, 'reading' | 'uncertainty' | 'unsureAbout'> {
  const p = prepareText(text, { lang });
  const scores: [Uncertain, number][] = [];
  let sentiment: TeachItem['reading']['sentiment'] = null;
  if (models.sentiment) {
    const probs = predictProbs(models.sentiment, p);
    sentiment = {
      negative: probsByClass(models.sentiment, probs, 'negative'),
      neutral: probsByClass(models.sentiment, probs, 'neutral'),
      positive: probsByClass(models.sentiment, probs, 'positive'),
    };
    scores.push(['sentiment', normalizedEntropy(probs)]);
  }
  const binary = (task: 'dissatisfied' | 'idea') => {
    const m = models[task];
    if (!m) return null;
    const probs = predictProbs(m, p);
    scores.push([task, boundaryNearness(probs, m.offsets)]);
    return round(probs[1] as number);
  };
  const dissatisfied = binary('dissatisfied');
  const idea = binary('idea');
  const [unsureAbout, uncertainty] = scores.reduce((a, b) => (b[1] > a[1] ? b : a), [
    'sentiment',
    0,
  ] as [Uncertain, number]);
  return {
    reading: { sentiment, dissatisfied, idea },
    uncertainty: round(uncertainty),
    unsureAbout,
  };
}

let inForce: { key: string; models: Record<'fr' | 'en', LanguageModels> } | undefined;

/**
 * The models in force: the shipped ones, replaced by those trained from corrections; read again
 * only when a file of `modelsDir` changed (a retraining writes one).
 */
export function modelsInForce(modelsDir: string): Record<'fr' | 'en', LanguageModels> {
  const key = `${modelsDir}#${modelsSignature(modelsDir)}`;
  if (inForce?.key === key) return inForce.models;
  const set = buildModelSet(loadModelsSync(modelsDir));
  const of = (lang: 'fr' | 'en') => ({
    sentiment: set.get(`sentiment:${lang}`),
    dissatisfied: set.get(`dissatisfied:${lang}`),
    idea: set.get(`idea:${lang}`),
  });
  inForce = { key, models: { fr: of('fr'), en: of('en') } };
  return inForce.models;
}

export async function teachQueue(
  db: Db,
  modelsDir: string,
  q: TeachQueueQuery,
  now = new Date(),
): Promise<{ items: TeachItem[]; candidates: number }> {
  const from = new Date(now.getTime() - q.days * 86_400_000);
  const exclude = q.exclude ? q.exclude.split(',') : [];
  const r = await sql<CandidateRow>`
    select m.id, m.text, x.lang, m.platform, a.handle, m.url, m.published_at
    from mention_analyses x
    join mentions m on m.id = x.mention_id
    left join authors a on a.id = m.author_id
    where x.lang in ('fr', 'en') and x.duplicate_of is null
      and m.published_at >= ${from} and m.published_at <= ${now}
      and not exists (select 1 from label_corrections c where c.mention_id = x.mention_id)
      and not (x.mention_id = any(${exclude}::bigint[]))
    order by m.published_at desc, m.id desc
    limit ${CANDIDATES}
  `.execute(db);
  const models = modelsInForce(modelsDir);
  const scored = r.rows.map((row) => ({
    row,
    ...readUncertainty(models[row.lang], row.text, row.lang),
  }));
  // Most uncertain first; ties (identical texts) by recency, as read.
  scored.sort((a, b) => b.uncertainty - a.uncertainty);
  return {
    candidates: r.rows.length,
    items: scored.slice(0, q.limit).map((s) => ({
      mentionId: s.row.id,
      text: s.row.text,
      lang: s.row.lang,
      platform: s.row.platform,
      author: s.row.handle,
      url: s.row.url,
      publishedAt: s.row.published_at.toISOString(),
      reading: s.reading,
      uncertainty: s.uncertainty,
      unsureAbout: s.unsureAbout,
    })),
  };
}
