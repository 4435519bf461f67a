-- Posts deleted on their platform (issue 9: platform delete events honoured).
--
-- When a platform says a post is gone — a signed webhook's `deleted` list, or a polled page that
-- shows a Reddit post or comment as [deleted]/[removed] — the stored mention goes (its analyses,
-- topic matches, idea links and inbox messages with it, by cascade) and a tombstone stays, so a
-- later poll, backfill or re-delivery of the same post never stores it again. A tombstone holds
-- the platform's id of the post and nothing about its author.

create table mention_tombstones (
  platform     text not null,
  external_id  text not null,
  deleted_at   timestamptz not null default now(),
  -- where the deletion came from: 'webhook', 'reddit', …
  origin       text not null,
  primary key (platform, external_id)
);
