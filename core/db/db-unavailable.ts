/**
 * Is this error, beyond doubt, the database being away (shut down, restarting, out of
 * connections, the connection cut) rather than something the caller did? Decided from signals
 * only Postgres and its driver give: SQLSTATE codes and the driver's messages for a lost
 * connection, looked for through `cause` and an AggregateError's `errors`. A bare socket error
 * (ECONNREFUSED, ECONNRESET, ETIMEDOUT) is not enough: HTTP clients raise the same codes, so the
 * caller confirms it with a ping (see workers/database-wait.ts).
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 5) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_SQLSTATES.test(code)) return true;
  if (UNAVAILABLE_MESSAGES.some((re) => re.test(err.message))) return true;
  const { cause, errors } = err as { cause?: unknown; errors?: unknown };
  const nested = [cause, ...(Array.isArray(errors) ? (errors as unknown[]) : [])];
  return nested.some((e) => isDatabaseUnavailable(e, depth + 1));
}

/**
 * Class 08 (connection exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot connect
 * now: starting up or recovering) and 53300 (too many connections: full for now).
 */
const UNAVAILABLE_SQLSTATES = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** What node-postgres says when the server goes away under a query or a checkout. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /the database system is (starting up|shutting down|in recovery mode)/,
];
