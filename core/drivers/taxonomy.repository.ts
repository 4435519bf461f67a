import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { DEFAULT_DRIVERS, DEFAULT_MIN_SCORE } from './default-taxonomy.js';
import type { DriverDefinition, Taxonomy } from './taxonomy.js';

interface TaxonomyRow {
  version: number;
  drivers: unknown;
  min_score: number;
  target_precision: number;
  note: string | null;
  created_by: string | null;
  created_at: Date;
}

function toTaxonomy(r: TaxonomyRow): Taxonomy {
  return {
    version: r.version,
    drivers: r.drivers as DriverDefinition[],
    minScore: r.min_score,
    targetPrecision: r.target_precision,
    note: r.note,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
  };
}

export async function taxonomyVersion(
  db: Executor,
  version: number,
): Promise<Taxonomy | undefined> {
  const r = await db
    .selectFrom('driver_taxonomies')
    .selectAll()
    .where('version', '=', version)
    .executeTakeFirst();
  return r ? toTaxonomy(r) : undefined;
}

/**
 * The taxonomy in force: the latest version, or version 1 (the shipped default) written on first
 * use, so a fresh installation assigns drivers without any set-up.
 */
export async function currentTaxonomy(db: Executor): Promise<Taxonomy> {
  const r = await db
    .selectFrom('driver_taxonomies')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (r) return toTaxonomy(r);
  await db
    .insertInto('driver_taxonomies')
    .values({
      version: 1,
      drivers: JSON.stringify(DEFAULT_DRIVERS),
      min_score: DEFAULT_MIN_SCORE,
      note: 'shipped default',
      created_by: 'ecoute',
    })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
  return currentTaxonomy(db);
}

/** Writes the next version; a concurrent writer of the same number makes this one retry once. */
export async function insertTaxonomy(
  db: Executor,
  t: {
    drivers: DriverDefinition[];
    minScore: number;
    targetPrecision: number;
    note: string | null;
    createdBy: string | null;
  },
): Promise<Taxonomy> {
  const r = await sql<TaxonomyRow>`
    insert into driver_taxonomies (version, drivers, min_score, target_precision, note, created_by)
    select coalesce(max(version), 0) + 1, ${JSON.stringify(t.drivers)}::jsonb, ${t.minScore}, ${t.targetPrecision}, ${t.note}, ${t.createdBy}
    from driver_taxonomies
    returning *
  `.execute(db);
  return toTaxonomy(r.rows[0]!);
}

export async function listTaxonomyVersions(db: Executor) {
  const rows = await db
    .selectFrom('driver_taxonomies')
    .select([
      'version',
      'note',
      'created_by',
      'created_at',
      sql<number>`jsonb_array_length(drivers)`.as('drivers'),
    ])
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    drivers: r.drivers,
    note: r.note,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
  }));
}
