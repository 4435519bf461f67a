import type { ColumnType } from 'kysely';

/**
 * Kysely types of the roll-up in sql/0015_audit_privacy.sql (registered in core/db/schema.ts):
 * per source, day and sentiment, the mentions purged by retention, so daily figures survive.
 */
export interface DailyVolumeTable {
  source_id: string;
  day: ColumnType<Date, string, string>;
  sentiment: string;
  mentions: ColumnType<number, number, number>;
  dissatisfied: ColumnType<number, number, number>;
}
