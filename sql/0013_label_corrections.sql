-- 0013_label_corrections: a person's correction of a label the analysis gave a mention. Kept as
-- labelled examples (one per mention and task, the latest wins) that the next training of that
-- task's model for the mention's language uses beside the shipped training set.

create table label_corrections (
  mention_id   bigint not null references mentions (id) on delete cascade,
  task         text not null check (task in ('sentiment', 'dissatisfied', 'idea')),
  label        text not null,
  -- The language of the model the correction trains (the mention's language when corrected).
  lang         text not null check (lang in ('fr', 'en')),
  corrected_by bigint references api_keys (id) on delete set null,
  created_at   timestamptz not null default now(),
  primary key (mention_id, task)
);
create index label_corrections_task_idx on label_corrections (task, lang);

-- A re-analysis of stored mentions (after a retrained model), run as background jobs: the run's
-- progress is read from here and from the analyses written since it started.
create table reanalysis_runs (
  id           bigint generated always as identity primary key,
  requested_by bigint references api_keys (id) on delete set null,
  since        timestamptz,
  until        timestamptz,
  total        integer not null,
  queued       integer not null default 0,
  status       text not null default 'running' check (status in ('running', 'queued_all')),
  created_at   timestamptz not null default now()
);
