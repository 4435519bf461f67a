import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * Password guessing is slowed per e-mail and address: 5 failures within 15 minutes lock that
 * pair out until the oldest of them leaves the window. Kept in Postgres (one small table) so the
 * count survives restarts and is shared by every API process.
 */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_S = 15 * 60;

/** Seconds until the pair may try again, or 0 when it may try now. */
export async function loginRetryAfter(db: Db, email: string, ip: string): Promise<number> {
  const r = await sql<{ n: string; oldest: Date | null }>`
    select count(*) as n, min(failed_at) as oldest from login_failures
    where email = ${norm(email)} and ip = ${ip}
      and failed_at > now() - make_interval(secs => ${LOGIN_WINDOW_S})`.execute(db);
  const row = r.rows[0]!;
  if (Number(row.n) < LOGIN_MAX_FAILURES || !row.oldest) return 0;
  const until = row.oldest.getTime() + LOGIN_WINDOW_S * 1000;
  return Math.max(1, Math.ceil((until - Date.now()) / 1000));
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

/** A successful login clears the pair's failures. */
export async function clearLoginFailures(db: Db, email: string, ip: string): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where('email', '=', norm(email))
    .where('ip', '=', ip)
    .execute();
}

const norm = (email: string) => email.trim().toLowerCase();
