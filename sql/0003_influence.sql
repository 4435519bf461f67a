-- 0003_influence: opinion leaders and flag-bearers of discontent.
-- The latest influence results per (topic, window): one run row (the window, when it was computed,
-- the settings used), a score row per author with the breakdown of the composite score, and the
-- weighted author → author interaction edges (for the network picture and the GEXF export).
-- A recomputation replaces the run's rows in one transaction; nothing else is kept, so storage
-- grows with the window's authors and edges, not with history.

create table influence_runs (
  id            bigint generated always as identity primary key,
  -- null: every mention, whatever its topic.
  topic_id      bigint references topics (id) on delete cascade,
  -- 0 stands for "all topics" so that (topic, window) can be unique and upserted.
  topic_key     bigint generated always as (coalesce(topic_id, 0)) stored,
  window_days   integer not null check (window_days between 1 and 365),
  window_start  timestamptz not null,
  window_end    timestamptz not null,
  computed_at   timestamptz not null default now(),
  authors       integer not null default 0,
  edges         integer not null default 0,
  iterations    integer not null default 0,
  compute_ms    integer not null default 0,
  -- The edge weights, composite weights and bot thresholds the run used (explainability).
  settings      jsonb not null default '{}',
  unique (topic_key, window_days)
);

create table influence_scores (
  run_id          bigint not null references influence_runs (id) on delete cascade,
  author_id       bigint not null references authors (id) on delete cascade,
  rank            integer not null,
  score           double precision not null,
  pagerank        double precision not null,
  in_degree       integer not null,
  out_degree      integer not null,
  in_weight       double precision not null,
  out_weight      double precision not null,
  followers       integer,
  volume          integer not null,
  interactions    bigint not null,
  engagement      double precision not null,
  engagement_rate double precision,
  analysed        integer not null,
  negative_share  double precision,
  stance          text not null check (stance in ('negative', 'neutral', 'positive', 'unknown')),
  flag_bearer     boolean not null,
  bot_like        boolean not null,
  bot_reason      text,
  lang            text,
  platform        text not null,
  breakdown       jsonb not null,
  primary key (run_id, author_id)
);
-- Keyset paging of a run's listing and exports, best first: (score, author_id) < (last row) is
-- a range on this index, so every page costs its own rows, not the rows before it.
create index influence_scores_rank_idx on influence_scores (run_id, score desc, author_id desc);
create index influence_scores_author_idx on influence_scores (author_id);

create table influence_edges (
  run_id     bigint not null references influence_runs (id) on delete cascade,
  source_id  bigint not null references authors (id) on delete cascade,
  target_id  bigint not null references authors (id) on delete cascade,
  weight     double precision not null,
  replies    integer not null default 0,
  mentions   integer not null default 0,
  quotes     integer not null default 0,
  reposts    integer not null default 0,
  primary key (run_id, source_id, target_id)
);
create index influence_edges_target_idx on influence_edges (run_id, target_id);

-- @mentions are resolved to known authors by handle on the same platform. A Mastodon mention of a
-- local account ("@karine_l") carries no instance while the stored handle may ("karine_l@host"),
-- so the local part is indexed too: resolving a window's mentions stays an index lookup.
create index authors_handle_local_idx on authors (platform, split_part(lower(handle), '@', 1));
