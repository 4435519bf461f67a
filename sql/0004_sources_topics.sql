-- 0004_sources_topics: a version number for each topic's listening query. Changing the query
-- bumps it, and the background re-run of the topic over stored mentions is keyed by it: the job
-- id is deterministic per (topic, version), so the API can show that run's progress, a newer
-- edit supersedes an older run (which stops at its next batch), and going back to an earlier
-- query text still runs again.
alter table topics add column query_version integer not null default 1;
