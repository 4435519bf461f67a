import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the tables in sql/0007_dialogue.sql (registered in core/db/schema.ts). */
type Id = ColumnType<string, never, never>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ConversationStatus = 'open' | 'pending' | 'resolved';
export type Priority = 'urgent' | 'high' | 'normal' | 'low';
export type SendStatus = 'draft' | 'queued' | 'sent' | 'failed' | 'elsewhere';

export interface AgentsTable {
  id: Id;
  name: string;
  api_key_id: string | null;
  team: Generated<string>;
  capacity: Generated<number>;
  available: Generated<boolean>;
  created_at: Stamp;
}

export interface BrandAccountsTable {
  platform: string;
  handle: string;
}

export interface DialogueSettingsTable {
  id: Generated<number>;
  time_zone: Generated<string>;
  week: ColumnType<Record<string, [string, string][]>, string | undefined, string>;
  holidays: Generated<string[]>;
  assignment_mode: Generated<'round_robin' | 'least_loaded'>;
  at_risk_ratio: Generated<number>;
  last_assigned_agent_id: string | null;
  updated_at: Stamp;
}

export interface ResponseTargetsTable {
  priority: Priority;
  first_response_min: number;
  resolution_min: number;
}

export interface ConversationsTable {
  id: Id;
  platform: string;
  thread_external_id: string;
  author_id: string | null;
  customer_id: string | null;
  status: Generated<ConversationStatus>;
  priority: Generated<Priority>;
  reasons: Generated<string[]>;
  opened_by: Generated<string>;
  assignee_id: string | null;
  opened_at: Stamp;
  last_inbound_at: Stamp;
  first_response_at: Date | null;
  resolved_at: Date | null;
  reopened_count: Generated<number>;
  first_response_due_at: Date | null;
  first_response_warn_at: Date | null;
  resolution_due_at: Date | null;
  resolution_warn_at: Date | null;
  needs_schedule: Generated<boolean>;
  updated_at: Stamp;
}

export interface ConversationMessagesTable {
  id: Id;
  conversation_id: string;
  direction: 'in' | 'out';
  mention_id: string | null;
  agent_id: string | null;
  text: string | null;
  send_status: SendStatus | null;
  in_reply_to_external_id: string | null;
  idempotency_key: string | null;
  platform_external_id: string | null;
  platform_url: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Stamp;
  sent_at: Date | null;
}

export interface ConversationNotesTable {
  id: Id;
  conversation_id: string;
  author: string;
  text: string;
  created_at: Stamp;
}

export interface ConversationEventsTable {
  id: Id;
  conversation_id: string;
  kind: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  actor: string | null;
  at: Stamp;
}

export interface DialogueTables {
  agents: AgentsTable;
  brand_accounts: BrandAccountsTable;
  dialogue_settings: DialogueSettingsTable;
  response_targets: ResponseTargetsTable;
  conversations: ConversationsTable;
  conversation_messages: ConversationMessagesTable;
  conversation_notes: ConversationNotesTable;
  conversation_events: ConversationEventsTable;
}
