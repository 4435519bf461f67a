/**
 * The driver models in force: for the current taxonomy version, the latest stored model per
 * language; when none is stored yet, one trained from the taxonomy's phrases (and any
 * corrections) and stored, so every worker loads the same model. Retraining writes a new one.
 */
import { sql } from 'kysely';
import {
  parseModel,
  serializeModel,
  type Model,
  type TrainingExample,
} from '../classification/index.js';
import type { Executor } from '../db/database.js';
import { driverModelsVersion } from './driver-classifier.js';
import { driverTrainingSet, trainDriverModel } from './driver-model.js';
import { currentTaxonomy } from './taxonomy.repository.js';
import type { Taxonomy } from './taxonomy.js';

export const DRIVER_LANGS = ['fr', 'en'] as const;
type DriverLang = (typeof DRIVER_LANGS)[number];

export interface LoadedDrivers {
  taxonomy: Taxonomy;
  /** The models in force by language, handed to the analysis threads (driver-task.ts). */
  models: Partial<Record<DriverLang, Model>>;
  /** Their versions, recorded with every assignment. */
  version: string;
}

/** Parsed models by version: a model file is parsed once per process. */
const parsed = new Map<string, Model>();

async function storedModel(
  db: Executor,
  taxonomyVersion: number,
  lang: DriverLang,
): Promise<Model | undefined> {
  const r = await db
    .selectFrom('driver_models')
    .select(['version', 'model'])
    .where('taxonomy_version', '=', taxonomyVersion)
    .where('lang', '=', lang)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!r) return undefined;
  let m = parsed.get(r.version);
  if (!m) {
    m = parseModel(r.model, `driver model ${r.version}`);
    parsed.set(r.version, m);
  }
  return m;
}

/** Corrections of the given language made against any version, with a driver of `keys`. */
export async function correctionExamples(
  db: Executor,
  lang: DriverLang,
): Promise<TrainingExample[]> {
  const r = await sql<{ text: string; label: string }>`
    select m.text, c.driver_key as label from driver_corrections c join mentions m on m.id = c.mention_id
    where c.lang = ${lang} and c.driver_key is not null order by c.mention_id
  `.execute(db);
  return r.rows;
}

/** Trains and stores the model of one language for `taxonomy`; undefined without enough drivers. */
export async function trainAndStore(
  db: Executor,
  taxonomy: Taxonomy,
  lang: DriverLang,
): Promise<Model | undefined> {
  const corrections = await correctionExamples(db, lang);
  const set = driverTrainingSet(taxonomy.drivers, lang, corrections);
  const source = `taxonomy v${taxonomy.version} phrases (${set.phrases.length}) + ${set.corrections.length} corrections`;
  const model = trainDriverModel(set, lang, source, undefined, taxonomy.targetPrecision);
  if (!model) return undefined;
  await db
    .insertInto('driver_models')
    .values({
      version: model.info.version,
      taxonomy_version: taxonomy.version,
      lang,
      model: serializeModel(model),
      training: JSON.stringify({
        phrases: set.phrases.length,
        corrections: set.corrections.length,
        source,
      }),
    })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
  parsed.set(model.info.version, model);
  return model;
}

export async function loadDrivers(db: Executor): Promise<LoadedDrivers> {
  const taxonomy = await currentTaxonomy(db);
  const models: Partial<Record<DriverLang, Model>> = {};
  for (const lang of DRIVER_LANGS) {
    const m =
      (await storedModel(db, taxonomy.version, lang)) ?? (await trainAndStore(db, taxonomy, lang));
    if (m) models[lang] = m;
  }
  return { taxonomy, models, version: driverModelsVersion(models) };
}

/** Retrains every language's model of the current taxonomy (phrases + all corrections). */
export async function retrainDrivers(db: Executor) {
  const taxonomy = await currentTaxonomy(db);
  const out: { lang: DriverLang; version: string | null }[] = [];
  for (const lang of DRIVER_LANGS) {
    const m = await trainAndStore(db, taxonomy, lang);
    out.push({ lang, version: m?.info.version ?? null });
  }
  return { taxonomyVersion: taxonomy.version, models: out };
}
