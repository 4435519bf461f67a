import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the tables in sql/0008_drivers.sql (and 0026's target precision) (registered in core/db/schema.ts). */
type Id = ColumnType<string, never, never>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface DriverTaxonomiesTable {
  version: number;
  drivers: Json<unknown[]>;
  min_score: Generated<number>;
  target_precision: Generated<number>;
  note: string | null;
  created_by: string | null;
  created_at: Stamp;
}

export interface DriverModelsTable {
  version: string;
  taxonomy_version: number;
  lang: 'fr' | 'en';
  model: string;
  training: Json<Record<string, unknown>>;
  created_at: Stamp;
}

export interface MentionDriversTable {
  mention_id: string;
  driver_key: string | null;
  score: number;
  taxonomy_version: number;
  model_version: string;
  evidence: Json<unknown[]>;
  source: Generated<'model' | 'correction'>;
  assigned_at: Stamp;
}

export interface DriverCorrectionsTable {
  mention_id: string;
  driver_key: string | null;
  taxonomy_version: number;
  lang: 'fr' | 'en';
  corrected_by: string | null;
  created_at: Stamp;
}

export interface EmergingCandidatesTable {
  id: Id;
  topic_id: string | null;
  window_start: Stamp;
  window_end: Stamp;
  baseline_start: Stamp;
  rank: number;
  label: string;
  score: number;
  phrases: Json<unknown[]>;
  mention_ids: ColumnType<string[], string[], string[]>;
  window_total: number;
  baseline_total: number;
  status: Generated<'open' | 'promoted' | 'dismissed'>;
  driver_key: string | null;
  computed_at: Stamp;
}

/** The slice of the `DB` interface these tables add. */
export interface DriverTables {
  driver_taxonomies: DriverTaxonomiesTable;
  driver_models: DriverModelsTable;
  mention_drivers: MentionDriversTable;
  driver_corrections: DriverCorrectionsTable;
  emerging_candidates: EmergingCandidatesTable;
}
