-- Platform credentials that live. A Reddit OAuth token lasts an hour and a Bluesky session's
-- access token two hours: replies sent later failed. A source's current access token stays in
-- sources.secret_sealed (the poller and the reply path read it there); this table keeps what
-- renews it, sealed like every other secret (AES-256-GCM, never returned), when the token and
-- its renewal expire, and the health the periodic check found, which the source's health shows
-- and `credential_health` alert rules report.
create table source_credentials (
  source_id          bigint primary key references sources (id) on delete cascade,
  -- token: used as given (Mastodon; any platform without renewal), verified periodically.
  -- reddit_oauth: renewed by the refresh_token grant.
  -- bluesky_session: renewed by refreshSession; a new session (app password) when that expires.
  scheme             text not null check (scheme in ('token', 'reddit_oauth', 'bluesky_session')),
  -- Sealed JSON of what renews the token (Reddit client and refresh token; Bluesky identifier,
  -- app password and refresh JWT); null for `token`.
  renewal_sealed     text,
  access_expires_at  timestamptz,
  renewal_expires_at timestamptz,
  status             text not null default 'ok' check (status in ('ok', 'expiring', 'failed')),
  status_reason      text,
  checked_at         timestamptz,
  renewed_at         timestamptz,
  updated_at         timestamptz not null default now()
);

-- A credential about to fail (or failed) alerts through rules of their own kind; the kind list
-- is extended in place, whatever kinds earlier migrations added.
do $$
declare
  def text;
begin
  select pg_get_constraintdef(oid) into def from pg_constraint
  where conrelid = 'alert_rules'::regclass and conname = 'alert_rules_kind_check';
  if def is not null and position('credential_health' in def) = 0 then
    execute 'alter table alert_rules drop constraint alert_rules_kind_check';
    execute 'alter table alert_rules add constraint alert_rules_kind_check '
      || replace(def, 'ARRAY[', 'ARRAY[''credential_health''::text, ');
  end if;
end $$;
