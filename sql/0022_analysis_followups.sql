-- What an analysed batch still owes (issue 22: follow-up work survives outages).
--
-- An analysis batch is followed by steps that run as their own jobs: churn risk of the customers
-- concerned (`risk`), idea candidates (`ideas`), inbox conversations (`conversations`) and drivers
-- of discontent (`drivers`). Their jobs live in Redis only, so a Redis restarted empty, or a job
-- that ran out of attempts, used to drop them for good. The analysis now writes one row per batch
-- in its own transaction, naming the steps still to do; each step removes its name once its work
-- has committed. The sweeper queues again every batch whose row still names a step after a grace
-- period and whose jobs are no longer in the queues, and deletes the rows with nothing left.
-- Every step is idempotent, so running one twice changes nothing.

create table analysis_followups (
  id           bigserial primary key,
  -- the mentions whose analysis this batch wrote (a reference, not a foreign key: an erased or
  -- expired mention simply drops out of the steps)
  mention_ids  bigint[] not null,
  -- steps not yet done: a subset of {risk, ideas, conversations, drivers}
  pending      text[] not null,
  -- bumped each time the sweeper queues the batch again; part of the jobs' ids, so a round whose
  -- jobs failed (and are kept in the failed set under their id) never swallows the next round
  round        int not null default 0,
  created_at   timestamptz not null default now(),
  queued_at    timestamptz not null default now()
);

-- The sweeper's scan: batches with steps left, oldest queueing first.
create index analysis_followups_pending_idx on analysis_followups (queued_at)
  where cardinality(pending) > 0;
