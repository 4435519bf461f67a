import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the tables in sql/0006_ideas.sql (registered in core/db/schema.ts). */
type Id = ColumnType<string, never, never>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface IdeasTable {
  id: Id;
  title: string;
  description: Generated<string>;
  status: Generated<string>;
  status_reason: string | null;
  origin: 'crowd' | 'staff';
  created_by_key_id: string | null;
  merged_into: string | null;
  merged_at: Date | null;
  created_at: Stamp;
  updated_at: Stamp;
}

export interface IdeaRootsView {
  id: ColumnType<string, never, never>;
  root: ColumnType<string, never, never>;
}

export interface IdeaCandidatesTable {
  mention_id: string;
  state: Generated<'pending' | 'attached' | 'dismissed'>;
  group_key: string | null;
  similarity: number | null;
  idea_id: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  created_at: Stamp;
}

export interface IdeaMentionsTable {
  idea_id: string;
  mention_id: string;
  linked_by: string | null;
  linked_at: Stamp;
}

export interface IdeaVotesTable {
  idea_id: string;
  voter_key: string;
  created_at: Stamp;
}

export interface IdeaScoresTable {
  idea_id: string;
  reviewer_key: string;
  feasibility: number;
  impact: number;
  comment: Generated<string>;
  updated_at: Stamp;
}

export interface IdeaScoreAuditTable {
  id: Id;
  idea_id: string;
  reviewer_key: string | null;
  reviewer_name: string;
  old_feasibility: number | null;
  new_feasibility: number | null;
  old_impact: number | null;
  new_impact: number | null;
  old_comment: string | null;
  new_comment: string | null;
  changed_at: Stamp;
}

export interface IdeaStatusHistoryTable {
  id: Id;
  idea_id: string;
  from_status: string | null;
  to_status: string;
  reason: Generated<string>;
  changed_by: string | null;
  changed_at: Stamp;
}

export interface IdeaMergesTable {
  id: Id;
  source_id: string;
  target_id: string;
  merged_by: string | null;
  merged_at: Stamp;
  undone_by: string | null;
  undone_at: Date | null;
}

export interface IdeaLeadersTable {
  idea_id: string;
  author_id: string;
  note: Generated<string>;
  added_by: string | null;
  added_at: Stamp;
}

export interface IdeaRepliesTable {
  id: Id;
  idea_id: string;
  status_history_id: string;
  mention_id: string;
  author_id: string;
  platform: string;
  lang: string;
  text: string;
  status: Generated<'prepared' | 'handed_over' | 'discarded'>;
  created_at: Stamp;
}

export interface IdeaWebhooksTable {
  id: Id;
  url: string;
  secret_sealed: string;
  active: Generated<boolean>;
  created_at: Stamp;
}

export interface IdeaWebhookDeliveriesTable {
  status_history_id: string;
  webhook_id: string;
  event_id: string;
  attempts: Generated<number>;
  status_code: number | null;
  delivered_at: Date | null;
  last_error: string | null;
}

/** The slice of the `DB` interface these tables add. */
export interface IdeaTables {
  ideas: IdeasTable;
  idea_roots: IdeaRootsView;
  idea_candidates: IdeaCandidatesTable;
  idea_mentions: IdeaMentionsTable;
  idea_votes: IdeaVotesTable;
  idea_scores: IdeaScoresTable;
  idea_score_audit: IdeaScoreAuditTable;
  idea_status_history: IdeaStatusHistoryTable;
  idea_merges: IdeaMergesTable;
  idea_leaders: IdeaLeadersTable;
  idea_replies: IdeaRepliesTable;
  idea_webhooks: IdeaWebhooksTable;
  idea_webhook_deliveries: IdeaWebhookDeliveriesTable;
}
