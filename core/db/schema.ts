import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CustomerTables } from '../customers/customer.tables.js';
import type { IdeaTables } from '../ideas/idea.tables.js';
import type { DriverTables } from '../drivers/driver.tables.js';
import type { DialogueTables } from '../dialogue/dialogue.tables.js';
import type { AuthTables } from '../auth/auth.tables.js';
import type { AuditLogTable } from '../audit/audit.tables.js';
import type { DailyVolumeTable, MentionTombstonesTable } from '../privacy/privacy.tables.js';

/**
 * The database as Kysely sees it, kept by hand beside the SQL migrations (sql/ is the source of
 * truth). bigint ids come back from pg as strings, which is what the domain uses for ids.
 */
type Id = ColumnType<string, never, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A timestamp with a database default: optional on insert. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface SourcesTable {
  id: Id;
  kind: string;
  name: string;
  config: Json<Record<string, unknown>>;
  secret_sealed: string | null;
  cursor: Json<unknown> | null;
  poll_interval_s: Generated<number>;
  status: Generated<'active' | 'paused' | 'failed'>;
  last_polled_at: Date | null;
  last_success_at: Date | null;
  last_error_at: Date | null;
  last_error: string | null;
  next_poll_at: Date | null;
  items_total: ColumnType<string, string | number | undefined, string | number>;
  /** String fields ingestion cleaned of NUL or unpaired surrogates (sql/0023). */
  sanitized_total: ColumnType<string, string | number | undefined, string | number>;
  quota: Json<unknown> | null;
  /** The last successful fetch's decoding and tolerated slips (sql/0021). */
  fetch_notes: ColumnType<unknown, string | null | undefined, string | null>;
  /** Days raw mentions are kept; null keeps them (sql/0015). */
  retention_days: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** sql/0022_analysis_followups.sql: the follow-up steps an analysed batch still owes. */
export interface AnalysisFollowupsTable {
  id: Id;
  mention_ids: ColumnType<string[], string[], string[]>;
  pending: ColumnType<string[], string[], string[]>;
  round: Generated<number>;
  created_at: DefaultTimestamp;
  queued_at: DefaultTimestamp;
}

/** What renews a source's platform token, and its health (sql/0025). */
export interface SourceCredentialsTable {
  source_id: string;
  scheme: 'token' | 'reddit_oauth' | 'bluesky_session';
  renewal_sealed: string | null;
  access_expires_at: Date | null;
  renewal_expires_at: Date | null;
  status: Generated<'ok' | 'expiring' | 'failed'>;
  status_reason: string | null;
  checked_at: Date | null;
  renewed_at: Date | null;
  updated_at: DefaultTimestamp;
}

export interface TopicsTable {
  id: Id;
  name: string;
  query: string;
  /** Bumped on each change of `query`; keys the topic's re-run job (sql/0004). */
  query_version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AuthorsTable {
  id: Id;
  platform: string;
  external_id: string;
  handle: string;
  display_name: string | null;
  followers: number | null;
  profile_url: string | null;
  first_seen_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
}

export interface MentionsTable {
  id: Id;
  platform: string;
  external_id: string;
  source_id: string | null;
  author_id: string | null;
  url: string | null;
  title: string | null;
  text: string;
  links: Generated<string[]>;
  lang_hint: string | null;
  /** The publication date; for a mention with date_unknown, the time it was stored (sql/0021). */
  published_at: Timestamp;
  published_raw: string | null;
  date_unknown: Generated<boolean>;
  ingested_at: DefaultTimestamp;
  parent_external_id: string | null;
  thread_external_id: string | null;
  quoted_external_id: string | null;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  score: number | null;
  raw: Json<unknown> | null;
  search: ColumnType<string, never, never>;
}

export interface MentionAnalysesTable {
  mention_id: string;
  lang: string;
  sentiment: 'negative' | 'neutral' | 'positive';
  sentiment_score: number;
  dissatisfied: boolean;
  signals: Json<Record<string, number>>;
  idea: boolean;
  evidence: Json<unknown[]>;
  model_version: string;
  analyzed_at: DefaultTimestamp;
  duplicate_of: string | null;
}

export interface MentionFingerprintsTable {
  mention_id: string;
  published_at: Timestamp;
  canonical_url: string | null;
  text_key: string | null;
  simhash: string | null;
}

export interface MentionTopicsTable {
  mention_id: string;
  topic_id: string;
  matched_terms: string[];
}

export interface ApiKeysTable {
  id: Id;
  name: string;
  role: 'admin' | 'analyst' | 'agent' | 'viewer';
  /** Set for a user's own credential row (sql/0014). */
  user_id: string | null;
  prefix: string;
  hash: string;
  created_at: DefaultTimestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface SessionsTable {
  id: string;
  api_key_id: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export interface WebhookEventsTable {
  source_id: string;
  event_id: string;
  received_at: DefaultTimestamp;
  mentions: number;
}

export interface LabelCorrectionsTable {
  mention_id: string;
  task: 'sentiment' | 'dissatisfied' | 'idea';
  label: string;
  lang: 'fr' | 'en';
  corrected_by: string | null;
  created_at: DefaultTimestamp;
}

export interface ReanalysisRunsTable {
  id: Id;
  requested_by: string | null;
  since: Date | null;
  until: Date | null;
  total: number;
  queued: Generated<number>;
  status: Generated<'running' | 'queued_all'>;
  created_at: DefaultTimestamp;
}

export interface DB {
  sources: SourcesTable;
  source_credentials: SourceCredentialsTable;
  topics: TopicsTable;
  authors: AuthorsTable;
  mentions: MentionsTable;
  mention_analyses: MentionAnalysesTable;
  mention_topics: MentionTopicsTable;
  mention_fingerprints: MentionFingerprintsTable;
  label_corrections: LabelCorrectionsTable;
  reanalysis_runs: ReanalysisRunsTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  webhook_events: WebhookEventsTable;
  customers: CustomerTables['customers'];
  customer_handles: CustomerTables['customer_handles'];
  customer_identities: CustomerTables['customer_identities'];
  customer_risk_history: CustomerTables['customer_risk_history'];
  alert_rules: CustomerTables['alert_rules'];
  alert_events: CustomerTables['alert_events'];
  alert_deliveries: CustomerTables['alert_deliveries'];
  ideas: IdeaTables['ideas'];
  idea_roots: IdeaTables['idea_roots'];
  idea_candidates: IdeaTables['idea_candidates'];
  idea_mentions: IdeaTables['idea_mentions'];
  idea_votes: IdeaTables['idea_votes'];
  idea_scores: IdeaTables['idea_scores'];
  idea_score_audit: IdeaTables['idea_score_audit'];
  idea_status_history: IdeaTables['idea_status_history'];
  idea_merges: IdeaTables['idea_merges'];
  idea_leaders: IdeaTables['idea_leaders'];
  idea_replies: IdeaTables['idea_replies'];
  idea_webhooks: IdeaTables['idea_webhooks'];
  idea_webhook_deliveries: IdeaTables['idea_webhook_deliveries'];
  driver_taxonomies: DriverTables['driver_taxonomies'];
  driver_models: DriverTables['driver_models'];
  mention_drivers: DriverTables['mention_drivers'];
  driver_corrections: DriverTables['driver_corrections'];
  emerging_candidates: DriverTables['emerging_candidates'];
  agents: DialogueTables['agents'];
  brand_accounts: DialogueTables['brand_accounts'];
  dialogue_settings: DialogueTables['dialogue_settings'];
  response_targets: DialogueTables['response_targets'];
  conversations: DialogueTables['conversations'];
  conversation_messages: DialogueTables['conversation_messages'];
  conversation_notes: DialogueTables['conversation_notes'];
  conversation_events: DialogueTables['conversation_events'];
  users: AuthTables['users'];
  login_failures: AuthTables['login_failures'];
  login_addresses: AuthTables['login_addresses'];
  audit_log: AuditLogTable;
  daily_volume: DailyVolumeTable;
  mention_tombstones: MentionTombstonesTable;
  analysis_followups: AnalysisFollowupsTable;
}

export type SourceRow = Selectable<SourcesTable>;
export type NewSourceRow = Insertable<SourcesTable>;
export type SourceUpdate = Updateable<SourcesTable>;
export type TopicRow = Selectable<TopicsTable>;
export type MentionRow = Selectable<MentionsTable>;
export type AuthorRow = Selectable<AuthorsTable>;
