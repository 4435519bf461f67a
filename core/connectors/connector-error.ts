/**
 * Every connector failure is one of these, and `retryPolicy` sorts them in one place:
 * temporary → retry with backoff; rate limited → wait as the platform says; permanent → mark the
 * source failed and stop until an admin edits it.
 */
export type ConnectorErrorCode =
  | 'timeout'
  | 'network'
  | 'server_error'
  | 'rate_limited'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'invalid_payload'
  | 'too_large'
  | 'blocked_url'
  | 'bad_config';

export class ConnectorError extends Error {
  constructor(
    readonly code: ConnectorErrorCode,
    message: string,
    /** For rate_limited: how long the platform asks us to wait, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

export type RetryPolicy = 'retry' | 'wait' | 'give_up';

export function retryPolicy(err: unknown): RetryPolicy {
  if (!(err instanceof ConnectorError)) return 'retry';
  switch (err.code) {
    case 'timeout':
    case 'network':
    case 'server_error':
      return 'retry';
    case 'rate_limited':
      return 'wait';
    default:
      return 'give_up';
  }
}
