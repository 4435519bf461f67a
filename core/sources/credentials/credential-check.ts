import { sql } from 'kysely';
import { fireAlerts, type AlertCandidate } from '../../alerts/alert-events.js';
import { enabledRules } from '../../alerts/alert-rule.service.js';
import { jwtExpiry, verifyBlueskyToken } from '../../connectors/bluesky/auth.js';
import { retryPolicy } from '../../connectors/connector-error.js';
import { verifyMastodonToken } from '../../connectors/mastodon/auth.js';
import { verifyRedditToken } from '../../connectors/reddit/auth.js';
import type { Db } from '../../db/database.js';
import type { SourceCredentialsTable } from '../../db/schema.js';
import type { Queues } from '../../queue/queues.js';
import {
  RENEW_AHEAD_MS,
  describe,
  recordStatus,
  renewCredential,
  type CredentialDeps,
} from './credential.service.js';

/** How often every credential is checked (and renewed ahead of need); see RENEW_AHEAD_MS. */
export const CREDENTIAL_CHECK_EVERY_MS = 15 * 60_000;

/** A token that cannot be renewed and expires within this long is "expiring". */
export const EXPIRING_WITHIN_MS = 3 * 86_400_000;

/** The platforms whose tokens are checked (those Écoute posts replies on). */
const CHECKED_KINDS = ['mastodon', 'reddit', 'bluesky'];

type Status = 'ok' | 'expiring' | 'failed';

export interface CredentialHealth {
  scheme: SourceCredentialsTable['scheme'];
  status: Status;
  reason: string | null;
  accessExpiresAt: string | null;
  checkedAt: string | null;
  renewedAt: string | null;
}

interface Candidate {
  id: string;
  name: string;
  kind: string;
  config: Record<string, unknown>;
  secret_sealed: string;
  scheme: SourceCredentialsTable['scheme'] | null;
  status: Status | null;
  access_expires_at: Date | null;
}

export interface CheckedCredential {
  sourceId: string;
  status: Status;
  reason: string | null;
}

/**
 * Checks every reply credential: renewable ones are renewed when their access token nears its
 * end (which proves the renewal still works); plain tokens are verified with the platform
 * (Mastodon verify_credentials, Reddit /api/v1/me, Bluesky getSession), and one that expires
 * without renewal is "expiring" ahead of time. A credential that turns expiring or failed raises
 * the enabled `credential_health` alert rules. A platform that does not answer changes nothing.
 */
export async function checkCredentials(
  deps: CredentialDeps & { queues: Queues | null },
  now = new Date(),
): Promise<CheckedCredential[]> {
  const r = await sql<Candidate>`
    select s.id, s.name, s.kind, s.config, s.secret_sealed, c.scheme, c.status, c.access_expires_at
    from sources s left join source_credentials c on c.source_id = s.id
    where s.secret_sealed is not null and s.kind = any(${CHECKED_KINDS}::text[])
    order by s.id
  `.execute(deps.db);
  const checked: CheckedCredential[] = [];
  const alerts: { source: Candidate; status: Status; reason: string | null }[] = [];
  for (const source of r.rows) {
    const found = await checkOne(deps, source, now);
    if (!found) continue;
    checked.push({ sourceId: source.id, ...found });
    if (found.status !== 'ok' && found.status !== source.status) alerts.push({ source, ...found });
  }
  if (deps.queues && alerts.length > 0)
    await alertAdmins({ ...deps, queues: deps.queues }, alerts, now);
  return checked;
}

async function checkOne(deps: CredentialDeps, source: Candidate, now: Date) {
  if (source.scheme === 'reddit_oauth' || source.scheme === 'bluesky_session') {
    // Renewed now if it would otherwise lapse before the next check needs it.
    const aheadMs = RENEW_AHEAD_MS + CREDENTIAL_CHECK_EVERY_MS;
    try {
      await renewCredential(deps, source.id, now, { aheadMs });
      const row = await deps.db
        .selectFrom('source_credentials')
        .select(['status', 'status_reason'])
        .where('source_id', '=', source.id)
        .executeTakeFirstOrThrow();
      await recordStatus(deps.db, source.id, row.status, row.status_reason, now);
      return { status: row.status, reason: row.status_reason };
    } catch (err) {
      if (retryPolicy(err) !== 'give_up') return null;
      const row = await deps.db
        .selectFrom('source_credentials')
        .select(['status', 'status_reason'])
        .where('source_id', '=', source.id)
        .executeTakeFirstOrThrow();
      return { status: row.status, reason: row.status_reason };
    }
  }
  const token = deps.secrets.open(source.secret_sealed);
  try {
    await verify(deps, source, token);
  } catch (err) {
    if (retryPolicy(err) !== 'give_up') return null;
    return save(deps, source, 'failed', `the platform refuses the token: ${describe(err)}`, now);
  }
  const expiry = unrenewableExpiry(source, token);
  if (expiry === 'unknown') return save(deps, source, 'expiring', REDDIT_TOKEN_ONLY, now);
  if (expiry && expiry.getTime() - now.getTime() <= EXPIRING_WITHIN_MS)
    return save(
      deps,
      source,
      'expiring',
      `the token expires at ${expiry.toISOString()} and cannot be renewed: give the source an app password`,
      now,
    );
  return save(deps, source, 'ok', null, now);
}

const REDDIT_TOKEN_ONLY =
  'a Reddit access token lasts an hour and cannot be renewed: give the source a refresh token';

/** A plain token's expiry: a Bluesky JWT says it; a Reddit token lasts an hour ('unknown'). */
function unrenewableExpiry(source: Candidate, token: string): Date | null | 'unknown' {
  if (source.kind === 'bluesky') return jwtExpiry(token);
  if (source.kind === 'reddit') return 'unknown';
  return null;
}

function verify(deps: CredentialDeps, source: Candidate, token: string) {
  const base = (key: string) => String(source.config[key] ?? '').replace(/\/+$/, '');
  switch (source.kind) {
    case 'mastodon':
      return verifyMastodonToken(deps.http, base('instance'), token, deps.timeoutMs);
    case 'reddit':
      return verifyRedditToken(deps.http, base('baseUrl'), token, deps.timeoutMs);
    default:
      return verifyBlueskyToken(deps.http, base('baseUrl'), token, deps.timeoutMs);
  }
}

/** Records a plain token's health (a source given its token before credentials had a row gets one). */
async function save(
  deps: CredentialDeps,
  source: Candidate,
  status: Status,
  reason: string | null,
  now: Date,
) {
  await deps.db
    .insertInto('source_credentials')
    .values({
      source_id: source.id,
      scheme: 'token',
      status,
      status_reason: reason,
      checked_at: now,
    })
    .onConflict((oc) =>
      oc
        .column('source_id')
        .doUpdateSet({ status, status_reason: reason, checked_at: now, updated_at: now }),
    )
    .execute();
  return { status, reason };
}

async function alertAdmins(
  deps: { db: Db; queues: Queues },
  found: { source: Candidate; status: Status; reason: string | null }[],
  now: Date,
) {
  const rules = await enabledRules(deps.db, ['credential_health']);
  const candidates: AlertCandidate[] = rules.flatMap((rule) =>
    found.map(({ source, status, reason }) => ({
      rule,
      subject: `source:${source.id}`,
      dedupeKey: `credential:${source.id}:${status}:${now.getTime()}`,
      title:
        status === 'failed'
          ? `The ${source.kind} credentials of "${source.name}" stopped working: replies cannot be posted`
          : `The ${source.kind} credentials of "${source.name}" are about to stop working`,
      payload: { source: { id: source.id, name: source.name, kind: source.kind }, status, reason },
    })),
  );
  await fireAlerts(deps, candidates, now);
}

/** Each source's credential health, for the sources listing. */
export async function loadCredentialHealth(
  db: Db,
  sourceIds?: readonly string[],
): Promise<Map<string, CredentialHealth>> {
  let q = db.selectFrom('source_credentials').selectAll();
  if (sourceIds) q = q.where('source_id', 'in', sourceIds.length ? sourceIds : ['0']);
  const out = new Map<string, CredentialHealth>();
  for (const c of await q.execute()) {
    out.set(c.source_id, {
      scheme: c.scheme,
      status: c.status,
      reason: c.status_reason,
      accessExpiresAt: c.access_expires_at?.toISOString() ?? null,
      checkedAt: c.checked_at?.toISOString() ?? null,
      renewedAt: c.renewed_at?.toISOString() ?? null,
    });
  }
  return out;
}
