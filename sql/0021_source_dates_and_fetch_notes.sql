-- Sources read as they are (issue 18): undated mentions, and what each fetch tolerated.
--
-- A feed item whose date is missing or unreadable has no publication date: `date_unknown` says
-- so and `published_raw` keeps the date as the source wrote it. Such a mention still needs a
-- place on time lines, so `published_at` holds the time it was stored, and every reader that
-- shows a date shows null for it (the mention listing says it is placed by fetch time). Nothing
-- is rewritten: existing rows keep their dates, with date_unknown false.
--
-- `fetch_notes` on a source is the last successful fetch's reading: which encoding decoded the
-- feed and why (byte-order mark, HTTP charset, XML declaration, meta tag or detection), and the
-- slips tolerated the way mainstream readers tolerate them (blank lines before the declaration,
-- broken markup, bytes that contradict the declared charset), shown with the source's health.

alter table mentions
  add column published_raw text,
  add column date_unknown boolean not null default false;

alter table sources
  add column fetch_notes jsonb;
