import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * Password guessing is slowed two ways, both kept in Postgres (small tables) so the counts
 * survive restarts and are shared by every API process:
 * - per e-mail and address: 5 failures within 15 minutes lock that pair out until the oldest of
 *   them leaves the window;
 * - per e-mail across addresses: 20 failures within 15 minutes throttle the account for every
 *   address it has never logged in from, so a guesser spread over many addresses gets 20 tries,
 *   not 5 per address, while the owner keeps logging in from a known address.
 */
export const LOGIN_MAX_FAILURES = 5;
export const ACCOUNT_MAX_FAILURES = 20;
export const LOGIN_WINDOW_S = 15 * 60;
/** How long a successful login makes its address known for the account. */
const KNOWN_ADDRESS_DAYS = 30;

/** Seconds until the pair may try again, or 0 when it may try now. */
export async function loginRetryAfter(db: Db, email: string, ip: string): Promise<number> {
  const r = await sql<{ pair: string; pair_oldest: Date | null; all: string; oldest: Date | null }>`
    select count(*) filter (where ip = ${ip}) as pair,
      min(failed_at) filter (where ip = ${ip}) as pair_oldest,
      count(*) as all, min(failed_at) as oldest
    from login_failures
    where email = ${norm(email)}
      and failed_at > now() - make_interval(secs => ${LOGIN_WINDOW_S})`.execute(db);
  const row = r.rows[0]!;
  if (Number(row.pair) >= LOGIN_MAX_FAILURES && row.pair_oldest) return waitFrom(row.pair_oldest);
  if (Number(row.all) < ACCOUNT_MAX_FAILURES || !row.oldest) return 0;
  return (await isKnownAddress(db, email, ip)) ? 0 : waitFrom(row.oldest);
}

function waitFrom(oldest: Date): number {
  const until = oldest.getTime() + LOGIN_WINDOW_S * 1000;
  return Math.max(1, Math.ceil((until - Date.now()) / 1000));
}

async function isKnownAddress(db: Db, email: string, ip: string): Promise<boolean> {
  const row = await db
    .selectFrom('login_addresses')
    .select('ip')
    .where('email', '=', norm(email))
    .where('ip', '=', ip)
    .where('last_login_at', '>', sql<Date>`now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})`)
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordLoginFailure(db: Db, email: string, ip: string): Promise<void> {
  await db
    .insertInto('login_failures')
    .values({ email: norm(email), ip })
    .execute();
  // Rows out of the window mean nothing any more: pruned here rather than by a job.
  await db
    .deleteFrom('login_failures')
    .where('failed_at', '<', sql<Date>`now() - make_interval(secs => ${LOGIN_WINDOW_S})`)
    .execute();
}

/** A successful login clears the pair's failures and makes the address known for the account. */
export async function clearLoginFailures(db: Db, email: string, ip: string): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where('email', '=', norm(email))
    .where('ip', '=', ip)
    .execute();
  await db
    .insertInto('login_addresses')
    .values({ email: norm(email), ip })
    .onConflict((oc) => oc.columns(['email', 'ip']).doUpdateSet({ last_login_at: sql`now()` }))
    .execute();
  await db
    .deleteFrom('login_addresses')
    .where('last_login_at', '<', sql<Date>`now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})`)
    .execute();
}

const norm = (email: string) => email.trim().toLowerCase();
