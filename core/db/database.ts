import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Repositories take either the pool or an open transaction, opened at the edge and passed down. */
export type Executor = Db | Trx;

// int8 (bigint ids, counts) stays a string: JavaScript numbers lose precision past 2^53.
// COUNT(*) results are cast to int in the queries that need numbers.

export interface DbOptions {
  url: string;
  max?: number;
  /** Statement timeout in ms: no query may hold a connection forever. */
  statementTimeoutMs?: number;
  applicationName?: string;
  /**
   * Postgres JIT compilation for this pool's sessions (server default when unset). The worker
   * turns it off: its batch statements run in milliseconds, but their cost estimates (recursive
   * thread walks, per-mention subqueries over a 500-row batch) pass jit_above_cost, and compiling
   * 40–130 functions per statement cost more than running it — Postgres CPU for 50,000 mentions
   * through the pipeline fell from 15.2 s to 11.9 s with it off (bench:ingest, same load).
   */
  jit?: boolean;
}

export function createDb(opts: DbOptions): Db {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: opts.statementTimeoutMs ?? 30_000,
    application_name: opts.applicationName ?? 'ecoute',
    ...(opts.jit === undefined ? {} : { options: `-c jit=${opts.jit ? 'on' : 'off'}` }),
  });
  // An idle client losing its connection (Postgres restart) must not crash the process;
  // the pool drops it and the next query reconnects.
  pool.on('error', () => undefined);
  // The pool listens for errors only on idle clients. A connection lost while checked out between
  // two statements of a transaction would emit an unhandled 'error' and crash the process; the
  // statement fails on its own (the job is retried) and the pool drops the broken client.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/** Postgres reachable? Used by readiness and boot checks. */
export async function pingDb(db: Db): Promise<boolean> {
  try {
    await db.selectNoFrom((eb) => eb.val(1).as('ok')).execute();
    return true;
  } catch {
    return false;
  }
}
