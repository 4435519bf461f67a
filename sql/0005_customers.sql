-- 0005_customers: customer accounts, who speaks for them, their churn risk, and alerts.
-- Customers come from a CRM export and keep its id (external_id) so re-imports update them and
-- exports can go back. The handles the CRM lists are kept apart (customer_handles) because they
-- link authors with full confidence; every other author ↔ customer link is a suggestion a person
-- confirms or rejects (customer_identities; a rejected pair stays, so it is never suggested again).
-- The current risk is stored on the customer row (the churn board sorts and filters on it without
-- recomputing), its breakdown beside it, and one history point per customer and day for trends.
-- Alert rules, the events they fired (unique per rule and dedupe key, so a retried evaluation
-- never fires twice) and every delivery attempt's outcome.

create extension if not exists pg_trgm;

create table customers (
  id              bigint generated always as identity primary key,
  external_id     text not null unique,
  name            text not null,
  tier            text,
  plan            text,
  region          text,
  owner           text,
  -- Yearly value of the account (ARR) in the CRM's currency.
  value           numeric(14, 2),
  email_domains   text[] not null default '{}',
  website         text,
  -- Current churn risk (0–100) and its change over the last 7 days, kept by the risk job.
  risk_score      real not null default 0 check (risk_score between 0 and 100),
  risk_trend      real not null default 0,
  risk_breakdown  jsonb not null default '{}',
  risk_computed_at timestamptz,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
-- The board: highest risk first (keyset on score, id), filtered by segment or owner.
create index customers_risk_idx on customers (risk_score desc, id desc);
create index customers_tier_risk_idx on customers (tier, risk_score desc, id desc);
create index customers_plan_risk_idx on customers (plan, risk_score desc, id desc);
create index customers_region_risk_idx on customers (region, risk_score desc, id desc);
create index customers_owner_risk_idx on customers (owner, risk_score desc, id desc);
create index customers_name_idx on customers (lower(name), id);
create index customers_name_trgm_idx on customers using gin (lower(name) gin_trgm_ops);

create table customer_handles (
  customer_id bigint not null references customers (id) on delete cascade,
  platform    text not null,
  -- Lower-cased; for Mastodon the local part is matched too (the CRM often omits the server).
  handle      text not null,
  primary key (platform, handle)
);
create index customer_handles_customer_idx on customer_handles (customer_id);

create table customer_identities (
  customer_id bigint not null references customers (id) on delete cascade,
  author_id   bigint not null references authors (id) on delete cascade,
  status      text not null check (status in ('suggested', 'confirmed', 'rejected')),
  -- exact_handle | website_domain | display_name | names_account (the strongest one found).
  method      text not null,
  confidence  real not null check (confidence between 0 and 1),
  -- [{method, confidence, detail}] every reason this pair was proposed.
  evidence    jsonb not null default '[]',
  decided_by  text,
  decided_at  timestamptz,
  created_at  timestamptz not null default now(),
  primary key (customer_id, author_id)
);
create index customer_identities_author_idx on customer_identities (author_id) where status = 'confirmed';
create index customer_identities_suggested_idx on customer_identities (confidence desc, customer_id, author_id)
  where status = 'suggested';

-- The account timeline: an author's mentions, newest first.
create index mentions_author_published_idx on mentions (author_id, published_at desc, id desc);

create table customer_risk_history (
  customer_id bigint not null references customers (id) on delete cascade,
  day         date not null,
  score       real not null,
  breakdown   jsonb not null default '{}',
  computed_at timestamptz not null default now(),
  primary key (customer_id, day)
);

create table alert_rules (
  id             bigint generated always as identity primary key,
  name           text not null,
  kind           text not null check (kind in ('risk_threshold', 'risk_jump', 'key_account_churn', 'topic_spike')),
  params         jsonb not null default '{}',
  channel        text not null check (channel in ('webhook', 'email')),
  -- A webhook URL, or comma-separated e-mail addresses.
  target         text not null,
  -- Webhook payload: Écoute's JSON, or a Slack-compatible {text, blocks} message.
  format         text not null default 'json' check (format in ('json', 'slack')),
  -- AES-256-GCM sealed HMAC secret of a webhook rule; never returned after creation.
  secret_sealed  text,
  enabled        boolean not null default true,
  cooldown_s     integer not null default 3600 check (cooldown_s >= 0),
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);

create table alert_events (
  id          bigint generated always as identity primary key,
  rule_id     bigint not null references alert_rules (id) on delete cascade,
  -- What the alert is about (customer:ID, topic:ID, mention:ID), for cool-downs.
  subject     text not null,
  dedupe_key  text not null,
  title       text not null,
  payload     jsonb not null,
  is_test     boolean not null default false,
  fired_at    timestamptz not null default now(),
  unique (rule_id, dedupe_key)
);
create index alert_events_subject_idx on alert_events (rule_id, subject, fired_at desc);

create table alert_deliveries (
  id              bigint generated always as identity primary key,
  event_id        bigint not null references alert_events (id) on delete cascade,
  rule_id         bigint not null references alert_rules (id) on delete cascade,
  channel         text not null,
  target          text not null,
  status          text not null default 'pending' check (status in ('pending', 'retrying', 'sent', 'failed')),
  attempts        integer not null default 0,
  response_status integer,
  last_error      text,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  delivered_at    timestamptz
);
create index alert_deliveries_rule_idx on alert_deliveries (rule_id, id desc);
create index alert_deliveries_pending_idx on alert_deliveries (created_at) where status in ('pending', 'retrying');
