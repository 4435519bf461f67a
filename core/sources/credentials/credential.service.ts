import type { AxiosInstance } from 'axios';
import { sql } from 'kysely';
import {
  createBlueskySession,
  jwtExpiry,
  refreshBlueskySession,
} from '../../connectors/bluesky/auth.js';
import { ConnectorError, retryPolicy } from '../../connectors/connector-error.js';
import { REDDIT_TOKEN_URL, refreshRedditToken } from '../../connectors/reddit/auth.js';
import type { Db, Executor } from '../../db/database.js';
import type { SourceCredentialsTable } from '../../db/schema.js';
import { DomainError, invalid, notFound } from '../../errors.js';
import type { SecretBox } from '../../security/secret-box.js';
import { RENEWABLE_SCHEME, type CredentialsInput } from './credential-input.js';

export interface CredentialDeps {
  db: Db;
  http: AxiosInstance;
  secrets: SecretBox;
  /** Per platform request, in ms. */
  timeoutMs: number;
}

/**
 * An access token is renewed this long before it expires, so that a reply or a poll never sets
 * off with a token that lapses on the way. Longer than the check's period (CREDENTIAL_CHECK_EVERY_MS),
 * so the periodic check renews idle credentials before anything needs them.
 */
export const RENEW_AHEAD_MS = 20 * 60_000;

/** When Bluesky does not say (no readable `exp`), how long its access JWT is taken to last. */
const BLUESKY_ACCESS_FALLBACK_MS = 2 * 3_600_000;

type Scheme = SourceCredentialsTable['scheme'];
type Status = 'ok' | 'expiring' | 'failed';

interface RedditRenewal {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  tokenUrl: string;
}
interface BlueskyRenewal {
  identifier: string;
  appPassword: string;
  refreshJwt: string | null;
}

/** A fresh access token and what renews it next time. */
interface Renewed {
  accessToken: string;
  accessExpiresAt: Date | null;
  renewal: RedditRenewal | BlueskyRenewal | null;
  renewalExpiresAt: Date | null;
}

interface SourceRef {
  id: string;
  kind: string;
  config: Record<string, unknown>;
}

const baseUrl = (s: SourceRef) => String(s.config.baseUrl ?? '').replace(/\/+$/, '');

/**
 * Stores what a source posts with. A token is kept as given; Reddit and Bluesky credentials are
 * used at once to get a first access token, so a refused refresh token or app password is
 * refused here (400 naming the field) rather than at the first reply. Everything is sealed.
 */
export async function storeCredentials(
  deps: CredentialDeps,
  sourceId: string,
  input: CredentialsInput,
  now = new Date(),
) {
  const source = await deps.db
    .selectFrom('sources')
    .select(['id', 'kind', 'config'])
    .where('id', '=', sourceId)
    .executeTakeFirst();
  if (!source) throw notFound('source', sourceId);
  if (input.scheme !== 'token' && RENEWABLE_SCHEME[source.kind] !== input.scheme)
    throw invalid('scheme', `${input.scheme} credentials do not apply to a ${source.kind} source`);
  const renewed = await firstAccess(deps, source, input, now).catch((err: unknown) => {
    throw refusal(err, input);
  });
  await deps.db.transaction().execute(async (trx) => {
    await saveRenewed(deps, trx, source.id, renewed, now);
    await trx
      .insertInto('source_credentials')
      .values({
        source_id: source.id,
        scheme: input.scheme,
        renewal_sealed: sealRenewal(deps.secrets, renewed.renewal),
        access_expires_at: renewed.accessExpiresAt,
        renewal_expires_at: renewed.renewalExpiresAt,
        status: 'ok',
        status_reason: null,
        checked_at: null,
        renewed_at: input.scheme === 'token' ? null : now,
      })
      .onConflict((oc) =>
        oc.column('source_id').doUpdateSet((eb) => ({
          scheme: eb.ref('excluded.scheme'),
          renewal_sealed: eb.ref('excluded.renewal_sealed'),
          access_expires_at: eb.ref('excluded.access_expires_at'),
          renewal_expires_at: eb.ref('excluded.renewal_expires_at'),
          status: eb.ref('excluded.status'),
          status_reason: null,
          checked_at: null,
          renewed_at: eb.ref('excluded.renewed_at'),
          updated_at: now,
        })),
      )
      .execute();
  });
  return {
    sourceId: source.id,
    kind: source.kind,
    scheme: input.scheme,
    stored: true,
    accessExpiresAt: renewed.accessExpiresAt?.toISOString() ?? null,
  };
}

async function firstAccess(
  deps: CredentialDeps,
  source: SourceRef,
  input: CredentialsInput,
  now: Date,
): Promise<Renewed> {
  switch (input.scheme) {
    case 'token':
      return {
        accessToken: input.token,
        accessExpiresAt: source.kind === 'bluesky' ? jwtExpiry(input.token) : null,
        renewal: null,
        renewalExpiresAt: null,
      };
    case 'reddit_oauth':
      return renewReddit(deps, { ...input, tokenUrl: input.tokenUrl ?? REDDIT_TOKEN_URL }, now);
    case 'bluesky_session':
      return renewBluesky(deps, source, { ...input, refreshJwt: null }, now);
  }
}

/** A platform's refusal at storage time, as a 400 on the field that was refused. */
function refusal(err: unknown, input: CredentialsInput): Error {
  if (!(err instanceof ConnectorError)) return err instanceof Error ? err : new Error(String(err));
  if (retryPolicy(err) !== 'give_up')
    return new DomainError('unavailable', `the platform did not answer: ${err.message}`);
  const field = input.scheme === 'reddit_oauth' ? 'refreshToken' : 'appPassword';
  return invalid(field, `the platform refused it (${err.message})`);
}

async function renewReddit(
  deps: CredentialDeps,
  renewal: RedditRenewal,
  now: Date,
): Promise<Renewed> {
  const access = await refreshRedditToken(deps.http, renewal, deps.timeoutMs, now);
  return {
    accessToken: access.accessToken,
    accessExpiresAt: access.expiresAt,
    renewal: { ...renewal, refreshToken: access.refreshToken ?? renewal.refreshToken },
    renewalExpiresAt: null,
  };
}

/**
 * refreshSession with the refresh JWT; when there is none or the server refuses it (expired,
 * revoked), a new session from the app password.
 */
async function renewBluesky(
  deps: CredentialDeps,
  source: SourceRef,
  renewal: BlueskyRenewal,
  now: Date,
): Promise<Renewed> {
  const base = baseUrl(source);
  let session;
  try {
    if (!renewal.refreshJwt) throw new ConnectorError('unauthorized', 'no refresh JWT yet');
    session = await refreshBlueskySession(deps.http, base, renewal.refreshJwt, deps.timeoutMs);
  } catch (err) {
    if (retryPolicy(err) !== 'give_up') throw err;
    session = await createBlueskySession(deps.http, base, renewal, deps.timeoutMs);
  }
  return {
    accessToken: session.accessJwt,
    accessExpiresAt:
      jwtExpiry(session.accessJwt) ?? new Date(now.getTime() + BLUESKY_ACCESS_FALLBACK_MS),
    renewal: { ...renewal, refreshJwt: session.refreshJwt },
    renewalExpiresAt: jwtExpiry(session.refreshJwt),
  };
}

const sealRenewal = (secrets: SecretBox, renewal: Renewed['renewal']) =>
  renewal ? secrets.seal(JSON.stringify(renewal)) : null;

async function saveRenewed(
  deps: CredentialDeps,
  db: Executor,
  sourceId: string,
  renewed: Renewed,
  now: Date,
) {
  await db
    .updateTable('sources')
    .set({ secret_sealed: deps.secrets.seal(renewed.accessToken), updated_at: now })
    .where('id', '=', sourceId)
    .execute();
}

interface LockedCredential {
  source_id: string;
  kind: string;
  config: Record<string, unknown>;
  secret_sealed: string | null;
  scheme: Scheme;
  renewal_sealed: string | null;
  access_expires_at: Date | null;
}

/**
 * The access token to use now: the stored one while it has more than RENEW_AHEAD_MS to live (or
 * cannot be renewed), else a renewed one. `force` renews even so (the platform just refused it).
 */
export async function accessToken(
  deps: CredentialDeps,
  sourceId: string,
  now = new Date(),
  force = false,
): Promise<string> {
  const row = await deps.db
    .selectFrom('sources')
    .leftJoin('source_credentials as c', 'c.source_id', 'sources.id')
    .select(['sources.secret_sealed', 'c.scheme', 'c.access_expires_at'])
    .where('sources.id', '=', sourceId)
    .executeTakeFirst();
  if (!row?.secret_sealed) throw new ConnectorError('unauthorized', 'the source has no token');
  const renewable = row.scheme === 'reddit_oauth' || row.scheme === 'bluesky_session';
  if (!renewable || (!force && !expiresSoon(row.access_expires_at, now)))
    return deps.secrets.open(row.secret_sealed);
  return renewCredential(deps, sourceId, now, { force });
}

const expiresSoon = (at: Date | null, now: Date, aheadMs = RENEW_AHEAD_MS) =>
  at === null || at.getTime() - now.getTime() <= aheadMs;

/** Whether this source's token can be renewed (so a refused token is worth renewing once). */
export async function isRenewable(db: Db, sourceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('source_credentials')
    .select('scheme')
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return row?.scheme === 'reddit_oauth' || row?.scheme === 'bluesky_session';
}

/**
 * Renews a source's access token under a row lock, so that two workers needing it at once make
 * one renewal (a Bluesky refresh JWT works once): the second finds the token fresh and uses it.
 * A refusal is recorded on the credential ("expiring" while the current token still works,
 * "failed" after) before the error goes up to the caller.
 */
export async function renewCredential(
  deps: CredentialDeps,
  sourceId: string,
  now = new Date(),
  opts: { force?: boolean; aheadMs?: number } = {},
): Promise<string> {
  const ahead = opts.aheadMs ?? RENEW_AHEAD_MS;
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const r = await sql<LockedCredential>`
      select c.source_id, s.kind, s.config, s.secret_sealed, c.scheme, c.renewal_sealed, c.access_expires_at
      from source_credentials c join sources s on s.id = c.source_id
      where c.source_id = ${sourceId}
      for update of c
    `.execute(trx);
    const row = r.rows[0];
    if (!row || !row.renewal_sealed) throw new ConnectorError('unauthorized', 'nothing renews it');
    if (!opts.force && row.secret_sealed && !expiresSoon(row.access_expires_at, now, ahead))
      return { token: deps.secrets.open(row.secret_sealed) };
    const source = { id: row.source_id, kind: row.kind, config: row.config };
    const renewal = JSON.parse(deps.secrets.open(row.renewal_sealed)) as unknown;
    try {
      const renewed =
        row.scheme === 'reddit_oauth'
          ? await renewReddit(deps, renewal as RedditRenewal, now)
          : await renewBluesky(deps, source, renewal as BlueskyRenewal, now);
      await saveRenewed(deps, trx, sourceId, renewed, now);
      await trx
        .updateTable('source_credentials')
        .set({
          renewal_sealed: sealRenewal(deps.secrets, renewed.renewal),
          access_expires_at: renewed.accessExpiresAt,
          renewal_expires_at: renewed.renewalExpiresAt,
          status: 'ok',
          status_reason: null,
          renewed_at: now,
          updated_at: now,
        })
        .where('source_id', '=', sourceId)
        .execute();
      return { token: renewed.accessToken };
    } catch (err) {
      if (retryPolicy(err) !== 'give_up') return { error: err };
      // A token the platform just refused (force) does not work, whatever its expiry says.
      const stillWorks =
        !opts.force && row.access_expires_at !== null && row.access_expires_at > now;
      await recordStatus(trx, sourceId, stillWorks ? 'expiring' : 'failed', describe(err), now);
      return { error: err };
    }
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.token;
}

export async function recordStatus(
  db: Executor,
  sourceId: string,
  status: Status,
  reason: string | null,
  now: Date,
) {
  await db
    .updateTable('source_credentials')
    .set({ status, status_reason: reason?.slice(0, 500) ?? null, checked_at: now, updated_at: now })
    .where('source_id', '=', sourceId)
    .execute();
}

export const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));
