-- Indexes for the follow-ups of the analysis hot path.
--
-- mentions_parent_idx: a conversation opened for a thread brings in the replies stored earlier by
-- walking parent links down (core/dialogue/thread-features.query.ts). Without it each step of the
-- walk reads and sorts every mention (37 ms per batch at 100,000 mentions, growing with the
-- table); with it a step is one index probe per thread member. Partial: most posts have no parent.
create index mentions_parent_idx on mentions (platform, parent_external_id)
  where parent_external_id is not null;
