-- People and roles (issue 9): four roles instead of two, users who sign in with a password beside
-- API keys, and the failed-login log that throttles password guessing.
--
-- Roles: admin (everything), analyst (listening, churn, ideas, exports), agent (inbox, replies),
-- viewer (read-only). Existing `reader` keys become viewers, or agents when a dialogue agent signs
-- in with them, so no key loses what it could do before.

alter table api_keys drop constraint api_keys_role_check;
update api_keys set role = 'agent'
  where role = 'reader' and id in (select api_key_id from agents where api_key_id is not null);
update api_keys set role = 'viewer' where role = 'reader';
alter table api_keys add constraint api_keys_role_check
  check (role in ('admin', 'analyst', 'agent', 'viewer'));

create table users (
  id             bigint generated always as identity primary key,
  -- Stored lower-cased: logins compare e-mails case-insensitively.
  email          text not null unique check (email = lower(email)),
  name           text not null,
  role           text not null check (role in ('admin', 'analyst', 'agent', 'viewer')),
  -- scrypt: "scrypt$N$r$p$salt$hash" (base64url), see core/auth/passwords.ts.
  password_hash  text not null,
  disabled       boolean not null default false,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);

-- A user acts through a credential row of its own, never shown and never usable as a Bearer key
-- (its hash is of random bytes nobody holds): everything that records "who" by api_keys.id
-- (votes, scores, agents, corrections) works the same for people who sign in with a password.
alter table api_keys add column user_id bigint unique references users (id) on delete cascade;

-- Failed password logins, per e-mail and address; rows older than the window are pruned on write.
create table login_failures (
  email      text not null,
  ip         text not null,
  failed_at  timestamptz not null default now()
);
create index login_failures_email_ip on login_failures (email, ip, failed_at);
