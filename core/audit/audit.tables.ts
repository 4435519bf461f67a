import type { ColumnType } from 'kysely';

/** Kysely types of the audit table in sql/0015_audit_privacy.sql (registered in core/db/schema.ts). */
export interface AuditLogTable {
  id: ColumnType<string, never, never>;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor_key_id: string | null;
  actor_user_id: string | null;
  actor_name: string;
  actor_role: string;
  action: string;
  target_type: string;
  target_id: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
}
