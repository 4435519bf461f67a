import type { ColumnType } from 'kysely';

type Count = ColumnType<number, number | undefined, number>;

/**
 * Kysely type of the roll-up in sql/0015_audit_privacy.sql (registered in core/db/schema.ts):
 * the /stats/daily columns of mentions purged by retention, per day, source and topic
 * (topic_key 0: all mentions).
 */
export interface DailyVolumeTable {
  day: ColumnType<string, string, string>;
  source_id: string;
  topic_key: string;
  total: Count;
  analysed: Count;
  negative: Count;
  neutral: Count;
  positive: Count;
  dissatisfied: Count;
  ideas: Count;
}

/** sql/0020_mention_tombstones.sql: posts deleted on their platform, never stored again. */
export interface MentionTombstonesTable {
  platform: string;
  external_id: string;
  deleted_at: ColumnType<Date, Date | undefined, never>;
  origin: string;
}
