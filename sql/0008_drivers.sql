-- 0008_drivers: the drivers of dissatisfaction (what unhappy customers are unhappy about) and the
-- emerging complaints nobody has named yet.
-- The taxonomy is stored as immutable versions (each edit is a new row holding every driver), and
-- each assignment records the version it was made with, so a figure computed last month can
-- still be explained with the names and phrases in force then. Assignments are one row per
-- dissatisfied mention (driver_key null when the classifier was not confident enough); analysts'
-- corrections are kept apart and feed the next retraining. Trained driver models are stored here
-- (the model file's JSON) so every worker loads the same one. Emerging-phrase candidates are
-- recomputed per topic by a scheduled job; one can be promoted into a named driver.

create table driver_taxonomies (
  version     integer primary key,
  -- [{key, name, description, phrases: {fr: [...], en: [...]}}]
  drivers     jsonb not null,
  -- Below this probability the driver is null rather than wrong.
  min_score   real not null default 0.35 check (min_score between 0 and 1),
  note        text,
  created_by  text,
  created_at  timestamptz not null default now()
);

create table driver_models (
  version          text primary key,
  taxonomy_version integer not null references driver_taxonomies (version),
  lang             text not null check (lang in ('fr', 'en')),
  -- The serialized model file (core/classification/model/model-file.ts).
  model            text not null,
  -- What it was trained on: phrases, corrections.
  training         jsonb not null default '{}',
  created_at       timestamptz not null default now()
);
create index driver_models_latest_idx on driver_models (lang, created_at desc);

create table mention_drivers (
  mention_id       bigint primary key references mentions (id) on delete cascade,
  driver_key       text,
  score            real not null check (score between 0 and 1),
  taxonomy_version integer not null references driver_taxonomies (version),
  model_version    text not null,
  -- [{match, start, weight}]: the words that pushed towards the driver.
  evidence         jsonb not null default '[]',
  -- 'model' or 'correction' (an analyst's label, which a re-assignment keeps).
  source           text not null default 'model' check (source in ('model', 'correction')),
  assigned_at      timestamptz not null default now()
);
create index mention_drivers_driver_idx on mention_drivers (driver_key, mention_id) where driver_key is not null;

create table driver_corrections (
  mention_id       bigint primary key references mentions (id) on delete cascade,
  -- null: "no driver of the taxonomy fits".
  driver_key       text,
  taxonomy_version integer not null references driver_taxonomies (version),
  lang             text not null check (lang in ('fr', 'en')),
  corrected_by     bigint references api_keys (id) on delete set null,
  created_at       timestamptz not null default now()
);

create table emerging_candidates (
  id            bigint generated always as identity primary key,
  -- null: all topics.
  topic_id      bigint references topics (id) on delete cascade,
  window_start  timestamptz not null,
  window_end    timestamptz not null,
  baseline_start timestamptz not null,
  rank          integer not null,
  label         text not null,
  score         real not null,
  -- [{phrase, display, z, count, baseCount, lang}]
  phrases       jsonb not null,
  mention_ids   bigint[] not null,
  -- Dissatisfied mentions in the window and in the baseline (the denominators).
  window_total  integer not null,
  baseline_total integer not null,
  status        text not null default 'open' check (status in ('open', 'promoted', 'dismissed')),
  driver_key    text,
  computed_at   timestamptz not null default now()
);
create index emerging_candidates_topic_idx on emerging_candidates (topic_id, status, rank);

-- Driver spikes are alert rules of their own kind (same rules, events and deliveries). The kind
-- list is extended in place, whatever kinds earlier migrations added.
do $$
declare
  def text;
begin
  select pg_get_constraintdef(oid) into def from pg_constraint
  where conrelid = 'alert_rules'::regclass and conname = 'alert_rules_kind_check';
  if def is not null and position('driver_spike' in def) = 0 then
    execute 'alter table alert_rules drop constraint alert_rules_kind_check';
    execute 'alter table alert_rules add constraint alert_rules_kind_check '
      || replace(def, 'ARRAY[', 'ARRAY[''driver_spike''::text, ');
  end if;
end $$;
