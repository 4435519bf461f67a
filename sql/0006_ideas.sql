-- 0006_ideas: the crowdsourced idea board.
-- Ideas come from public mentions the analysis marks as ideas (idea_candidates, a review queue
-- grouped by similarity in batch) and from staff. The crowd's demand is kept as facts (votes, the
-- mentions linked to an idea, whose authors are its supporters) and the team's judgement apart
-- (one feasibility × impact score per reviewer, every change audited). A merge is recorded, not
-- copied: the merged idea points at the surviving one (merged_into) and everything attached to it
-- counts on the survivor through idea_roots; an unmerge clears the pointer, so every vote,
-- supporter and link comes back exactly. Status changes are kept with their public reason, and
-- each one leads to one signed webhook event and one prepared reply per public supporting author.

create table ideas (
  id                bigint generated always as identity primary key,
  title             text not null check (length(title) between 1 and 200),
  description       text not null default '',
  -- Validated against the configured list (core/ideas/idea-statuses.ts), kept in one place there
  -- rather than duplicated in a check constraint.
  status            text not null default 'new',
  -- The public-facing reason of the latest status change.
  status_reason     text,
  origin            text not null check (origin in ('crowd', 'staff')),
  created_by_key_id bigint references api_keys (id) on delete set null,
  merged_into       bigint references ideas (id),
  merged_at         timestamptz,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  check (merged_into is null or merged_into <> id)
);
create index ideas_status_idx on ideas (status, updated_at desc) where merged_into is null;
create index ideas_merged_into_idx on ideas (merged_into) where merged_into is not null;

-- Every idea with the idea it counts on: itself, or the end of its merge chain.
create view idea_roots as
  with recursive r (id, root) as (
    select id, id from ideas where merged_into is null
    union all
    select i.id, r.root from ideas i join r on i.merged_into = r.id
  )
  select id, root from r;

create table idea_candidates (
  mention_id  bigint primary key references mentions (id) on delete cascade,
  state       text not null default 'pending' check (state in ('pending', 'attached', 'dismissed')),
  -- The first (smallest) mention id of its similarity group, recomputed in batch for pending ones.
  group_key   bigint,
  similarity  real,
  idea_id     bigint references ideas (id) on delete set null,
  reviewed_by bigint references api_keys (id) on delete set null,
  reviewed_at timestamptz,
  created_at  timestamptz not null default now()
);
create index idea_candidates_pending_idx on idea_candidates (group_key, mention_id) where state = 'pending';

-- The mentions supporting an idea; their authors are its supporters.
create table idea_mentions (
  idea_id    bigint not null references ideas (id) on delete cascade,
  mention_id bigint not null references mentions (id) on delete cascade,
  linked_by  bigint references api_keys (id) on delete set null,
  linked_at  timestamptz not null default now(),
  primary key (idea_id, mention_id)
);
create index idea_mentions_mention_idx on idea_mentions (mention_id);

-- One vote per person and idea; a person is an API key (each staff member signs in with their own).
create table idea_votes (
  idea_id    bigint not null references ideas (id) on delete cascade,
  voter_key  bigint not null references api_keys (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (idea_id, voter_key)
);

create table idea_scores (
  idea_id      bigint not null references ideas (id) on delete cascade,
  reviewer_key bigint not null references api_keys (id) on delete cascade,
  feasibility  smallint not null check (feasibility between 0 and 4),
  -- 0 non significatif, 1 faible, 2 sensible, 3 critique, 4 stratégique.
  impact       smallint not null check (impact between 0 and 4),
  comment      text not null default '',
  updated_at   timestamptz not null default now(),
  primary key (idea_id, reviewer_key)
);

create table idea_score_audit (
  id              bigint generated always as identity primary key,
  idea_id         bigint not null references ideas (id) on delete cascade,
  reviewer_key    bigint references api_keys (id) on delete set null,
  reviewer_name   text not null,
  old_feasibility smallint,
  new_feasibility smallint,
  old_impact      smallint,
  new_impact      smallint,
  old_comment     text,
  new_comment     text,
  changed_at      timestamptz not null default now()
);
create index idea_score_audit_idea_idx on idea_score_audit (idea_id, id);

create table idea_status_history (
  id          bigint generated always as identity primary key,
  idea_id     bigint not null references ideas (id) on delete cascade,
  from_status text,
  to_status   text not null,
  -- Shown to the public (webhook event, prepared replies).
  reason      text not null default '',
  changed_by  bigint references api_keys (id) on delete set null,
  changed_at  timestamptz not null default now()
);
create index idea_status_history_idea_idx on idea_status_history (idea_id, id);

-- Merges and unmerges, kept for history (the live state is ideas.merged_into).
create table idea_merges (
  id          bigint generated always as identity primary key,
  source_id   bigint not null references ideas (id) on delete cascade,
  target_id   bigint not null references ideas (id) on delete cascade,
  merged_by   bigint references api_keys (id) on delete set null,
  merged_at   timestamptz not null default now(),
  undone_by   bigint references api_keys (id) on delete set null,
  undone_at   timestamptz
);
create index idea_merges_source_idx on idea_merges (source_id, id);

-- Opinion leaders the team wants to involve in an idea (authors; influence is joined by author id).
create table idea_leaders (
  idea_id  bigint not null references ideas (id) on delete cascade,
  author_id bigint not null references authors (id) on delete cascade,
  note     text not null default '',
  added_by bigint references api_keys (id) on delete set null,
  added_at timestamptz not null default now(),
  primary key (idea_id, author_id)
);

-- Replies prepared for the public authors of an idea when its status changes, until the dialogue
-- inbox exists to take them (one per status change and author).
create table idea_replies (
  id                bigint generated always as identity primary key,
  idea_id           bigint not null references ideas (id) on delete cascade,
  status_history_id bigint not null references idea_status_history (id) on delete cascade,
  mention_id        bigint not null references mentions (id) on delete cascade,
  author_id         bigint not null references authors (id) on delete cascade,
  platform          text not null,
  lang              text not null,
  text              text not null,
  status            text not null default 'prepared' check (status in ('prepared', 'handed_over', 'discarded')),
  created_at        timestamptz not null default now(),
  unique (status_history_id, author_id)
);
create index idea_replies_idea_idx on idea_replies (idea_id, id);

-- Where status-change events are sent; the signing secret is sealed (AES-256-GCM), never returned.
create table idea_webhooks (
  id            bigint generated always as identity primary key,
  url           text not null,
  secret_sealed text not null,
  active        boolean not null default true,
  created_at    timestamptz not null default now()
);

-- One row per status change and subscriber: a retried job re-sends only what did not arrive.
create table idea_webhook_deliveries (
  status_history_id bigint not null references idea_status_history (id) on delete cascade,
  webhook_id        bigint not null references idea_webhooks (id) on delete cascade,
  event_id          text not null,
  attempts          integer not null default 0,
  status_code       integer,
  delivered_at      timestamptz,
  last_error        text,
  primary key (status_history_id, webhook_id)
);
