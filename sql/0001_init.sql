-- 0001_init: the listening spine.
-- Sources (where mentions come from, with their cursor and health), topics (what to listen for),
-- authors, mentions (unique per platform id, with a full-text index), the analysis of each mention
-- (upserted so re-analysis with a new model replaces it), mention↔topic matches with the terms
-- that matched, API keys and dashboard sessions, and received webhook events (idempotency).

create extension if not exists unaccent;

-- unaccent() is only STABLE (it reads a dictionary by name); pinning the dictionary makes this
-- wrapper IMMUTABLE so it can feed generated columns and expression indexes.
create function ecoute_unaccent(text) returns text
  language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

create table sources (
  id              bigint generated always as identity primary key,
  kind            text not null check (kind in ('rss', 'mastodon', 'reddit', 'hackernews', 'bluesky', 'webhook', 'import')),
  name            text not null,
  config          jsonb not null default '{}',
  -- AES-256-GCM sealed secrets (webhook signing secret, platform credentials); never returned by the API.
  secret_sealed   text,
  cursor          jsonb,
  poll_interval_s integer not null default 300 check (poll_interval_s >= 30),
  status          text not null default 'active' check (status in ('active', 'paused', 'failed')),
  last_polled_at  timestamptz,
  last_success_at timestamptz,
  last_error_at   timestamptz,
  last_error      text,
  next_poll_at    timestamptz,
  items_total     bigint not null default 0,
  quota           jsonb,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);

create table topics (
  id          bigint generated always as identity primary key,
  name        text not null unique,
  -- The listening rule as the user wrote it (keywords, or the Boolean query language).
  query       text not null,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

create table authors (
  id            bigint generated always as identity primary key,
  platform      text not null,
  external_id   text not null,
  handle        text not null,
  display_name  text,
  followers     integer check (followers >= 0),
  profile_url   text,
  first_seen_at timestamptz not null default now(),
  last_seen_at  timestamptz not null default now(),
  unique (platform, external_id)
);
create index authors_handle_idx on authors (platform, lower(handle));

create table mentions (
  id                 bigint generated always as identity primary key,
  platform           text not null,
  external_id        text not null,
  source_id          bigint references sources (id) on delete set null,
  author_id          bigint references authors (id) on delete set null,
  url                text,
  title              text,
  text               text not null,
  links              text[] not null default '{}',
  lang_hint          text,
  published_at       timestamptz not null,
  ingested_at        timestamptz not null default now(),
  -- Platform ids of the parent (replied-to) post, the thread root, and a quoted or reposted post.
  parent_external_id text,
  thread_external_id text,
  quoted_external_id text,
  likes              integer,
  reposts            integer,
  replies            integer,
  score              integer,
  raw                jsonb,
  search             tsvector generated always as (
    to_tsvector('simple', ecoute_unaccent(coalesce(title, '') || ' ' || text))
  ) stored,
  unique (platform, external_id)
);
create index mentions_published_idx on mentions (published_at desc, id desc);
create index mentions_ingested_idx on mentions (ingested_at);
create index mentions_source_idx on mentions (source_id, published_at desc);
create index mentions_author_idx on mentions (author_id);
create index mentions_thread_idx on mentions (platform, thread_external_id) where thread_external_id is not null;
create index mentions_search_idx on mentions using gin (search);

create table mention_analyses (
  mention_id      bigint primary key references mentions (id) on delete cascade,
  lang            text not null,
  sentiment       text not null check (sentiment in ('negative', 'neutral', 'positive')),
  sentiment_score real not null check (sentiment_score between -1 and 1),
  dissatisfied    boolean not null,
  -- {discontent, churn_intent, disappointment, confusion}: each a score in [0, 1].
  signals         jsonb not null,
  idea            boolean not null,
  evidence        jsonb not null default '[]',
  model_version   text not null,
  analyzed_at     timestamptz not null default now()
);
create index mention_analyses_dissatisfied_idx on mention_analyses (mention_id) where dissatisfied;
create index mention_analyses_idea_idx on mention_analyses (mention_id) where idea;

create table mention_topics (
  mention_id    bigint not null references mentions (id) on delete cascade,
  topic_id      bigint not null references topics (id) on delete cascade,
  matched_terms text[] not null default '{}',
  primary key (topic_id, mention_id)
);
create index mention_topics_mention_idx on mention_topics (mention_id);

create table api_keys (
  id           bigint generated always as identity primary key,
  name         text not null,
  role         text not null check (role in ('admin', 'reader')),
  -- The first characters of the key, shown to people so they can tell keys apart.
  prefix       text not null,
  -- SHA-256 of the whole key: a key is 32 random bytes, so a fast hash is enough.
  hash         text not null unique,
  created_at   timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);

create table sessions (
  id          text primary key,  -- SHA-256 of the cookie value
  api_key_id  bigint not null references api_keys (id) on delete cascade,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null
);

create table webhook_events (
  source_id   bigint not null references sources (id) on delete cascade,
  event_id    text not null,
  received_at timestamptz not null default now(),
  mentions    integer not null,
  primary key (source_id, event_id)
);
