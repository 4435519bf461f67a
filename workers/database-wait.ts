import { DelayedError, type Job } from 'bullmq';
import { pingDb, type Db } from '../core/db/database.js';
import { isDatabaseUnavailable } from '../core/db/db-unavailable.js';
import type { Logger } from '../core/logger.js';

/**
 * The longest wait between two tries of a job that found the database away, in ms: a restarted
 * Postgres answers within seconds, and a job that looks every 10 s at most resumes soon after,
 * while a long outage costs one cheap failed connection per job per 10 s.
 */
const MAX_WAIT_MS = 10_000;

/**
 * At the worker edge: a job that failed because the database is away (the error says so beyond
 * doubt, or the database does not answer a ping right after — a refused or reset socket could
 * be the database or a platform's server, the ping tells which) goes back to the delayed set without spending an
 * attempt, and is tried again later, waiting longer each time up to MAX_WAIT_MS. Attempts count
 * only failures of the job's own making, so an outage longer than the retry budget fails nothing.
 * Returns the error to throw: BullMQ's DelayedError when the job was moved, else the error itself.
 */
export async function waitForDatabase(
  err: unknown,
  job: Job,
  token: string | undefined,
  deps: { db: Db; logger: Logger; backoffMs: number },
): Promise<unknown> {
  if (!token || isSteering(err)) return err;
  if (!isDatabaseUnavailable(err) && (await pingDb(deps.db))) return err;
  // Starts that ended in neither success nor a counted failure: the waits so far.
  const waits = Math.max(0, job.attemptsStarted - job.attemptsMade - 1);
  const ceiling = Math.min(MAX_WAIT_MS, deps.backoffMs * 2 ** Math.min(waits, 16));
  // Jitter over the upper half, so the jobs an outage stopped together do not all return at once.
  const waitMs = Math.round(ceiling * (0.5 + Math.random() * 0.5));
  try {
    await job.moveToDelayed(Date.now() + waitMs, token);
  } catch {
    // Redis away too (or the lock lost): the job fails or stalls the ordinary way.
    return err;
  }
  deps.logger.warn(
    { job: job.name, jobId: job.id, waitMs, err: (err as Error).message },
    'database unavailable: job waits without spending an attempt',
  );
  return new DelayedError();
}

/** Errors a handler throws on purpose to steer BullMQ (delay, rate limit, give up). */
function isSteering(err: unknown): boolean {
  const name = (err as { name?: unknown }).name;
  return (
    name === 'DelayedError' ||
    name === 'WaitingError' ||
    name === 'WaitingChildrenError' ||
    name === 'RateLimitError' ||
    name === 'UnrecoverableError'
  );
}
