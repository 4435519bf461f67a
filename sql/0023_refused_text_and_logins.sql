-- 0023: what the boundary sanitiser changed, and where people log in from.
--
-- sources.sanitized_total counts the string fields (of mentions, their raw payloads, deletions,
-- cursors) in which ingestion removed a NUL or replaced an unpaired surrogate, characters
-- Postgres refuses: the source's health shows that its platform sends them, instead of every
-- poll or delivery failing on them.
--
-- login_addresses remembers, per e-mail, the addresses that logged in with the right password
-- (pruned after 30 days). The per-account throttle, which slows password guessing spread over
-- many addresses, does not apply from these: the account's owner keeps logging in from home
-- while a guesser is throttled.

alter table sources add column sanitized_total bigint not null default 0;

create table login_addresses (
  email        text not null,
  ip           text not null,
  last_login_at timestamptz not null default now(),
  primary key (email, ip)
);
