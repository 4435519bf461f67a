/**
 * What a failed statement says about its cause, decided in one place from the error itself (never
 * from the route or job that ran it):
 * - `unavailable`: Postgres or Redis cannot be reached or is shutting down. Transient: the
 *   same request succeeds once storage is back (HTTP 503 with Retry-After).
 * - `refused`: Postgres refused a value (out of range, invalid text, a check or NOT NULL
 *   constraint, a value too large for an index). Permanent: sending it again fails again, so
 *   it is the sender's error (HTTP 400 naming the item when the caller knows it).
 * - `other`: anything else, a defect (HTTP 500, logged).
 */
export type StorageFault = 'unavailable' | 'refused' | 'other';

/** Socket errors of a server that is down, restarting or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

/**
 * SQLSTATEs of an unavailable server: connection exceptions (08), too many connections and other
 * insufficient resources (53), operator intervention (57P01–57P05: shutdown, crash recovery,
 * cannot connect now), and the read-only state of a standby being promoted (25006).
 */
const UNAVAILABLE_STATES = /^(08|53|57P0[1-5]|25006)/;

/**
 * SQLSTATEs of a refused value: data exceptions (22: invalid text encoding, numeric or date out
 * of range, invalid input syntax), NOT NULL (23502) and CHECK (23514) violations, and program
 * limits (54000: a value too large for an index row).
 */
const REFUSED_STATES = /^(22|23502|23514|54000)/;

/** Messages without a code: node-postgres' pool and client, ioredis while disconnected. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection is closed',
  'Reached the max retries per request limit',
  "Stream isn't writeable",
];

export function storageFault(err: unknown): StorageFault {
  if (!(err instanceof Error)) return 'other';
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.test(code)) return 'unavailable';
    if (REFUSED_STATES.test(code)) return 'refused';
  }
  if (UNAVAILABLE_MESSAGES.some((m) => err.message.includes(m))) return 'unavailable';
  // A connection attempt to every address of a name fails as one AggregateError.
  if (err instanceof AggregateError && err.errors.some((e) => storageFault(e) === 'unavailable'))
    return 'unavailable';
  const cause = (err as { cause?: unknown }).cause;
  return cause ? storageFault(cause) : 'other';
}

export const isStorageUnavailable = (err: unknown) => storageFault(err) === 'unavailable';
export const isRefusedValue = (err: unknown) => storageFault(err) === 'refused';

/** Postgres' own reason for a refused value, short enough for an error message. */
export function refusalReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}
