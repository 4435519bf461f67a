import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the tables in sql/0005_customers.sql (registered in core/db/schema.ts). */
type Id = ColumnType<string, never, never>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;
type Numeric = ColumnType<string | null, string | number | null, string | number | null>;

export interface CustomersTable {
  id: Id;
  external_id: string;
  name: string;
  tier: string | null;
  plan: string | null;
  region: string | null;
  owner: string | null;
  value: Numeric;
  email_domains: Generated<string[]>;
  website: string | null;
  risk_score: Generated<number>;
  risk_trend: Generated<number>;
  risk_breakdown: Generated<Json<Record<string, unknown>>>;
  risk_computed_at: Date | null;
  /** The last 30 daily risk points, oldest first (sql/0009). */
  risk_sparkline: Generated<number[]>;
  /** The day of each sparkline point (sql/0016). */
  risk_sparkline_days: Generated<string[]>;
  created_at: Stamp;
  updated_at: Stamp;
}

export interface CustomerHandlesTable {
  customer_id: string;
  platform: string;
  handle: string;
}

export type IdentityStatus = 'suggested' | 'confirmed' | 'rejected';

export interface CustomerIdentitiesTable {
  customer_id: string;
  author_id: string;
  status: IdentityStatus;
  method: string;
  confidence: number;
  evidence: Json<unknown[]>;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Stamp;
}

export interface CustomerRiskHistoryTable {
  customer_id: string;
  day: ColumnType<string, string, string>;
  score: number;
  breakdown: Json<Record<string, unknown>>;
  computed_at: Stamp;
}

export interface AlertRulesTable {
  id: Id;
  name: string;
  kind: string;
  params: Json<Record<string, unknown>>;
  channel: 'webhook' | 'email';
  target: string;
  format: Generated<'json' | 'slack'>;
  secret_sealed: string | null;
  enabled: Generated<boolean>;
  cooldown_s: Generated<number>;
  created_at: Stamp;
  updated_at: Stamp;
}

export interface AlertEventsTable {
  id: Id;
  rule_id: string;
  subject: string;
  dedupe_key: string;
  title: string;
  payload: Json<Record<string, unknown>>;
  is_test: Generated<boolean>;
  fired_at: Stamp;
}

export interface AlertDeliveriesTable {
  id: Id;
  event_id: string;
  rule_id: string;
  channel: string;
  target: string;
  status: Generated<'pending' | 'retrying' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  response_status: number | null;
  last_error: string | null;
  created_at: Stamp;
  updated_at: Stamp;
  delivered_at: Date | null;
}

/** The slice of the `DB` interface these tables add. */
export interface CustomerTables {
  customers: CustomersTable;
  customer_handles: CustomerHandlesTable;
  customer_identities: CustomerIdentitiesTable;
  customer_risk_history: CustomerRiskHistoryTable;
  alert_rules: AlertRulesTable;
  alert_events: AlertEventsTable;
  alert_deliveries: AlertDeliveriesTable;
}
