-- 0002_duplicates: the same post seen through two sources (a cross-post, a feed and its Mastodon
-- echo, a repost with a different link) is grouped under one canonical mention instead of
-- counting as independent volume. Fingerprints are computed in the analysis step (off the ingest
-- hot path) and kept in their own table, so grouping never rewrites the mentions table.

create table mention_fingerprints (
  mention_id    bigint primary key references mentions (id) on delete cascade,
  published_at  timestamptz not null,
  -- The permalink with tracking parameters, fragments and host aliases removed.
  canonical_url text,
  -- sha256 of the normalised text (null for texts too short to group by text).
  text_key      text,
  -- 64-bit SimHash of the normalised words (null when too short).
  simhash       bigint
);
-- Each lookup finds the earliest earlier post with the same key inside a time window, so every
-- index leads with the key and follows with the publication time.
create index mention_fingerprints_url_idx on mention_fingerprints (canonical_url, published_at) where canonical_url is not null;
create index mention_fingerprints_key_idx on mention_fingerprints (text_key, published_at) where text_key is not null;
-- Four 16-bit bands: two hashes within Hamming distance 3 share at least one band exactly,
-- so these indexes find every near-duplicate candidate.
create index mention_fingerprints_band0_idx on mention_fingerprints (((simhash >> 48) & 65535), published_at) where simhash is not null;
create index mention_fingerprints_band1_idx on mention_fingerprints (((simhash >> 32) & 65535), published_at) where simhash is not null;
create index mention_fingerprints_band2_idx on mention_fingerprints (((simhash >> 16) & 65535), published_at) where simhash is not null;
create index mention_fingerprints_band3_idx on mention_fingerprints ((simhash & 65535), published_at) where simhash is not null;

-- The canonical mention this one duplicates (null for a canonical mention).
alter table mention_analyses add column duplicate_of bigint references mentions (id) on delete set null;
create index mention_analyses_duplicate_idx on mention_analyses (duplicate_of) where duplicate_of is not null;
