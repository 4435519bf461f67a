-- Audit log and privacy (issue 9).
--
-- audit_log: who did what and when. The actor's name and role are copied, not joined, so the
-- record still reads right after a key is revoked or a user renamed. Append-only by convention;
-- `details` carries the request's filters and, for exports, the row count.
--
-- Retention: sources.retention_days (null keeps mentions for ever); the daily retention job rolls
-- purged mentions up into daily_volume (per day, source and topic, the columns of /stats/daily)
-- before it deletes them, so daily figures survive without anything that names a person.

create table audit_log (
  id             bigint generated always as identity primary key,
  at             timestamptz not null default now(),
  actor_key_id   bigint,
  actor_user_id  bigint,
  actor_name     text not null,
  actor_role     text not null,
  action         text not null,
  target_type    text not null,
  target_id      text,
  details        jsonb not null default '{}'
);
create index audit_log_at on audit_log (at desc, id desc);
create index audit_log_action on audit_log (action, at desc);
create index audit_log_target on audit_log (target_type, target_id);

alter table sources add column retention_days integer check (retention_days is null or retention_days >= 1);

create table daily_volume (
  day           date not null,
  source_id     bigint not null,
  -- 0: every mention of the day; otherwise the counts of the mentions that matched this topic.
  topic_key     bigint not null,
  total         integer not null default 0,
  analysed      integer not null default 0,
  negative      integer not null default 0,
  neutral       integer not null default 0,
  positive      integer not null default 0,
  dissatisfied  integer not null default 0,
  ideas         integer not null default 0,
  primary key (day, source_id, topic_key)
);
