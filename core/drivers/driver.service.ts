/**
 * What admins and analysts change: a new taxonomy version, a correction of one mention's driver,
 * an emerging candidate promoted into a named driver (a new taxonomy version with the
 * candidate's example mentions as its phrases).
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { DomainError, invalid, notFound } from '../errors.js';
import { currentTaxonomy, insertTaxonomy } from './taxonomy.repository.js';
import { taxonomyInputSchema, type DriverDefinition, type Taxonomy } from './taxonomy.js';

export async function saveTaxonomy(
  db: Db,
  input: unknown,
  createdBy: string | null,
): Promise<Taxonomy> {
  const t = taxonomyInputSchema.parse(input);
  const current = await currentTaxonomy(db);
  return insertTaxonomy(db, {
    drivers: t.drivers,
    minScore: t.minScore ?? current.minScore,
    targetPrecision: t.targetPrecision ?? current.targetPrecision,
    note: t.note ?? null,
    createdBy,
  });
}

/** Records an analyst's driver for a mention (null: none fits) and applies it at once. */
export async function correctDriver(
  db: Db,
  mentionId: string,
  driver: string | null,
  correctedBy: string | null,
) {
  if (!/^\d{1,18}$/.test(mentionId)) throw notFound('mention', mentionId);
  const taxonomy = await currentTaxonomy(db);
  if (driver !== null && !taxonomy.drivers.some((d) => d.key === driver))
    throw invalid('driver', `"${driver}" is not a driver of taxonomy version ${taxonomy.version}`);
  const m = await sql<{ lang: string | null }>`
    select x.lang from mentions m left join mention_analyses x on x.mention_id = m.id where m.id = ${mentionId}
  `.execute(db);
  if (m.rows.length === 0) throw notFound('mention', mentionId);
  const lang = m.rows[0]!.lang;
  if (lang !== 'fr' && lang !== 'en')
    throw invalid(
      'mentionId',
      'the mention is neither French nor English: drivers are not assigned to it',
    );
  await db.transaction().execute(async (trx) => {
    await sql`
      insert into driver_corrections (mention_id, driver_key, taxonomy_version, lang, corrected_by)
      values (${mentionId}, ${driver}, ${taxonomy.version}, ${lang}, ${correctedBy})
      on conflict (mention_id) do update set driver_key = excluded.driver_key,
        taxonomy_version = excluded.taxonomy_version, lang = excluded.lang,
        corrected_by = excluded.corrected_by, created_at = now()
    `.execute(trx);
    await sql`
      insert into mention_drivers (mention_id, driver_key, score, taxonomy_version, model_version, evidence, source)
      values (${mentionId}, ${driver}, 1, ${taxonomy.version}, 'correction', '[]', 'correction')
      on conflict (mention_id) do update set driver_key = excluded.driver_key, score = 1,
        taxonomy_version = excluded.taxonomy_version, model_version = 'correction', evidence = '[]',
        source = 'correction', assigned_at = now()
    `.execute(trx);
  });
  return { mentionId, driver, taxonomyVersion: taxonomy.version };
}

export function slugKey(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return /^[a-z]/.test(slug) ? slug : `driver_${slug}`.slice(0, 48);
}

/** Example mentions of a candidate become the new driver's phrases, in their own language. */
async function examplePhrases(db: Db, ids: string[]): Promise<DriverDefinition['phrases']> {
  const r = await sql<{ text: string; lang: 'fr' | 'en' }>`
    select m.text, x.lang from unnest(${ids}::bigint[]) with ordinality as t(id, ord)
    join mentions m on m.id = t.id join mention_analyses x on x.mention_id = m.id
    where x.lang in ('fr', 'en') order by t.ord limit 12
  `.execute(db);
  const phrases = { fr: [] as string[], en: [] as string[] };
  for (const row of r.rows) phrases[row.lang].push(row.text.slice(0, 200));
  return phrases;
}

export async function promoteCandidate(
  db: Db,
  candidateId: string,
  input: { name?: string | undefined; description?: string | undefined },
  createdBy: string | null,
) {
  if (!/^\d{1,18}$/.test(candidateId)) throw notFound('emerging candidate', candidateId);
  const c = await db
    .selectFrom('emerging_candidates')
    .selectAll()
    .where('id', '=', candidateId)
    .executeTakeFirst();
  if (!c) throw notFound('emerging candidate', candidateId);
  if (c.status !== 'open')
    throw new DomainError('conflict', `emerging candidate ${candidateId} is already ${c.status}`);
  const current = await currentTaxonomy(db);
  const name = (input.name ?? c.label).slice(0, 100);
  let key = slugKey(name);
  while (current.drivers.some((d) => d.key === key))
    key = `${key.slice(0, 44)}_${Math.floor(Math.random() * 900 + 100)}`;
  const driver: DriverDefinition = {
    key,
    name,
    description: input.description ?? `Named from the emerging phrases: ${c.label}`,
    phrases: await examplePhrases(db, c.mention_ids),
  };
  const taxonomy = await saveTaxonomy(
    db,
    {
      drivers: [...current.drivers, driver],
      minScore: current.minScore,
      targetPrecision: current.targetPrecision,
      note: `promoted emerging candidate ${candidateId}`,
    },
    createdBy,
  );
  await db
    .updateTable('emerging_candidates')
    .set({ status: 'promoted', driver_key: key })
    .where('id', '=', candidateId)
    .execute();
  return { driver, taxonomyVersion: taxonomy.version };
}

export async function listEmerging(
  db: Db,
  topicId: string | null,
  status: 'open' | 'promoted' | 'dismissed' = 'open',
) {
  const rows = await db
    .selectFrom('emerging_candidates')
    .selectAll()
    .where(sql<boolean>`topic_id is not distinct from ${topicId}::bigint`)
    .where('status', '=', status)
    .orderBy('rank')
    .execute();
  const ids = [...new Set(rows.flatMap((r) => r.mention_ids.slice(0, 3)))];
  const texts = new Map<string, string>();
  if (ids.length > 0) {
    const m = await db
      .selectFrom('mentions')
      .select(['id', 'text'])
      .where('id', 'in', ids)
      .execute();
    for (const x of m) texts.set(x.id, x.text);
  }
  return rows.map((r) => ({
    id: r.id,
    topicId: r.topic_id,
    rank: r.rank,
    label: r.label,
    score: r.score,
    phrases: r.phrases,
    mentions: r.mention_ids.length,
    examples: r.mention_ids.slice(0, 3).map((id) => ({ mentionId: id, text: texts.get(id) ?? '' })),
    window: {
      start: r.window_start.toISOString(),
      end: r.window_end.toISOString(),
      total: r.window_total,
    },
    baseline: { start: r.baseline_start.toISOString(), total: r.baseline_total },
    status: r.status,
    driverKey: r.driver_key,
    computedAt: r.computed_at.toISOString(),
  }));
}
