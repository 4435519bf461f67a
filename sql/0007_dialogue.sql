-- 0007_dialogue: the inbox — conversations that need an answer, who owns them, what was said.
-- A conversation is one reply chain (platform + thread root id), opened by a rule or by hand and
-- unique per thread, so a batch that sees the thread again only appends messages or reopens it.
-- Agents are people with a capacity (an API key today; a later `agent` role plugs in by key id).
-- Brand accounts are the company's own handles per platform: posts addressed to them are
-- questions to the brand, and their own posts in a thread count as answers given elsewhere.
-- Messages hold both what the person wrote (a stored mention) and what an agent sent; an outbound
-- message carries its idempotency key (unique) so a retried send never posts twice.
-- Response targets (first response, resolution) per priority are counted in business hours of
-- one calendar (time zone, weekly hours, holidays); due times are stored so "at risk" and
-- "breached" are a comparison with now() in SQL.

create table agents (
  id          bigint generated always as identity primary key,
  name        text not null,
  -- The API key (person) this agent signs in with; null for an agent not yet given a key.
  api_key_id  bigint unique references api_keys (id) on delete set null,
  team        text not null default 'support',
  -- Open and pending conversations this agent can hold at once.
  capacity    integer not null default 20 check (capacity >= 0),
  available   boolean not null default true,
  created_at  timestamptz not null default now()
);

create table brand_accounts (
  platform  text not null,
  -- Lower-cased handle as the connectors store it (Mastodon: user@instance; Reddit: username).
  handle    text not null,
  primary key (platform, handle)
);

-- One row: the business calendar, the assignment mode and its round-robin cursor.
create table dialogue_settings (
  id               integer primary key default 1 check (id = 1),
  time_zone        text not null default 'Europe/Paris',
  -- {"1":[["09:00","18:00"]], …, "7":[]}: ISO weekday → opening intervals (local time).
  week             jsonb not null default '{"1":[["09:00","18:00"]],"2":[["09:00","18:00"]],"3":[["09:00","18:00"]],"4":[["09:00","18:00"]],"5":[["09:00","18:00"]],"6":[],"7":[]}',
  holidays         date[] not null default '{}',
  assignment_mode  text not null default 'round_robin' check (assignment_mode in ('round_robin', 'least_loaded')),
  -- Fraction of a target's business time after which a conversation is "at risk".
  at_risk_ratio    real not null default 0.75 check (at_risk_ratio > 0 and at_risk_ratio < 1),
  -- Id of the agent who got the last round-robin assignment.
  last_assigned_agent_id bigint,
  updated_at       timestamptz not null default now()
);
insert into dialogue_settings (id) values (1);

-- Targets in business minutes per priority.
create table response_targets (
  priority              text primary key check (priority in ('urgent', 'high', 'normal', 'low')),
  first_response_min    integer not null check (first_response_min > 0),
  resolution_min        integer not null check (resolution_min > 0)
);
insert into response_targets values
  ('urgent', 60, 480), ('high', 120, 960), ('normal', 240, 1440), ('low', 480, 2880);

create table conversations (
  id                     bigint generated always as identity primary key,
  platform               text not null,
  -- The thread root's platform id (may be a post we never stored: a reply's root elsewhere).
  thread_external_id     text not null,
  -- The person the conversation is with (author of the first message that opened it).
  author_id              bigint references authors (id) on delete set null,
  customer_id            bigint references customers (id) on delete set null,
  status                 text not null default 'open' check (status in ('open', 'pending', 'resolved')),
  priority               text not null default 'normal' check (priority in ('urgent', 'high', 'normal', 'low')),
  -- Why it was opened: dissatisfied | churn_intent | confusion | key_customer | brand_question | idea_status | manual
  reasons                text[] not null default '{}',
  opened_by              text not null default 'rule',
  assignee_id            bigint references agents (id) on delete set null,
  opened_at              timestamptz not null default now(),
  last_inbound_at        timestamptz not null default now(),
  first_response_at      timestamptz,
  resolved_at            timestamptz,
  reopened_count         integer not null default 0,
  -- Due and warn ("at risk" from) times of the current targets, from business-hours arithmetic.
  first_response_due_at  timestamptz,
  first_response_warn_at timestamptz,
  resolution_due_at      timestamptz,
  resolution_warn_at     timestamptz,
  -- Set when the current cycle (since opening or reopening) is due for a fresh due-time pass.
  needs_schedule         boolean not null default true,
  updated_at             timestamptz not null default now(),
  unique (platform, thread_external_id)
);
create index conversations_inbox_idx on conversations (status, last_inbound_at desc, id desc);
create index conversations_assignee_idx on conversations (assignee_id, status);
create index conversations_customer_idx on conversations (customer_id) where customer_id is not null;

create table conversation_messages (
  id                     bigint generated always as identity primary key,
  conversation_id        bigint not null references conversations (id) on delete cascade,
  direction              text not null check (direction in ('in', 'out')),
  -- Inbound: the stored mention. Outbound: null.
  mention_id             bigint references mentions (id) on delete cascade,
  agent_id               bigint references agents (id) on delete set null,
  text                   text,
  -- Outbound: draft (prepared, e.g. by ideas), queued, sent, failed, elsewhere (answered outside Écoute).
  send_status            text check (send_status in ('draft', 'queued', 'sent', 'failed', 'elsewhere')),
  -- The mention replied to (its platform id).
  in_reply_to_external_id text,
  idempotency_key        text unique,
  platform_external_id   text,
  platform_url           text,
  attempts               integer not null default 0,
  last_error             text,
  created_at             timestamptz not null default now(),
  sent_at                timestamptz
);
create unique index conversation_messages_mention_idx on conversation_messages (mention_id) where mention_id is not null;
create index conversation_messages_conv_idx on conversation_messages (conversation_id, id);
create index conversation_messages_platform_idx on conversation_messages (platform_external_id) where platform_external_id is not null;

create table conversation_notes (
  id              bigint generated always as identity primary key,
  conversation_id bigint not null references conversations (id) on delete cascade,
  author          text not null,
  text            text not null,
  created_at      timestamptz not null default now()
);
create index conversation_notes_conv_idx on conversation_notes (conversation_id, id);

-- What happened to a conversation (opened, assigned, status changes, reopened): the audit trail.
create table conversation_events (
  id              bigint generated always as identity primary key,
  conversation_id bigint not null references conversations (id) on delete cascade,
  kind            text not null,
  detail          jsonb not null default '{}',
  actor           text,
  at              timestamptz not null default now()
);
create index conversation_events_conv_idx on conversation_events (conversation_id, id);

-- Figures for the churn score: per customer, conversations still waiting for a first answer and
-- conversations whose target was missed (first response or resolution), over the last 90 days.
create view customer_conversation_figures as
select customer_id,
  count(*) filter (where status <> 'resolved' and first_response_at is null)::int as unanswered,
  count(*) filter (where
    (first_response_due_at is not null and coalesce(first_response_at, now()) > first_response_due_at)
    or (resolution_due_at is not null and status <> 'resolved' and now() > resolution_due_at)
    or (resolution_due_at is not null and resolved_at > resolution_due_at))::int as breached
from conversations
where customer_id is not null and last_inbound_at > now() - interval '90 days'
group by customer_id;
