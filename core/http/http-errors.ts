import { isAxiosError } from 'axios';
import { ConnectorError } from '../connectors/connector-error.js';
import { retryAfterMs } from './rate-limit.js';

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNTIMEOUT']);

/**
 * Every failure of an outbound request as a ConnectorError, so that `retryPolicy` can sort it:
 * 429 → rate_limited (with the wait the platform asks for), 5xx/timeouts/network → retryable,
 * 401/403/404/410 and refused URLs → permanent.
 */
export function toConnectorError(err: unknown): ConnectorError {
  if (err instanceof ConnectorError) return err;
  if (!isAxiosError(err)) {
    return new ConnectorError('network', err instanceof Error ? err.message : String(err));
  }
  const cause = connectorCause(err);
  if (cause) return cause;
  const where = describeRequest(err.config?.url, err.config?.baseURL);
  if (err.response) return fromStatus(err.response.status, err.response.headers, where);
  if (err.message.startsWith('maxContentLength size')) {
    return new ConnectorError(
      'too_large',
      `${where}: response larger than the size cap (${err.message})`,
    );
  }
  if (err.code === 'ERR_FR_TOO_MANY_REDIRECTS') {
    return new ConnectorError('blocked_url', `${where}: too many redirects`);
  }
  if (err.code === 'ERR_CANCELED') {
    const reason = (err.config?.signal as AbortSignal | undefined)?.reason as Error | undefined;
    if (reason?.name === 'TimeoutError')
      return new ConnectorError('timeout', `${where}: timed out`);
    return new ConnectorError('network', `${where}: request cancelled`);
  }
  if (err.code && TIMEOUT_CODES.has(err.code)) {
    return new ConnectorError('timeout', `${where}: timed out (${err.message})`);
  }
  return new ConnectorError('network', `${where}: ${err.code ?? 'network error'} (${err.message})`);
}

/** A ConnectorError raised by our lookup, agent or redirect check, however deeply wrapped. */
function connectorCause(err: unknown): ConnectorError | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof ConnectorError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function fromStatus(status: number, headers: unknown, where: string): ConnectorError {
  const what = `${where}: HTTP ${status}`;
  if (status === 429) {
    const wait = retryAfterMs(headers as Record<string, unknown>);
    return new ConnectorError('rate_limited', `${what} (rate limited)`, wait);
  }
  if (status === 401) return new ConnectorError('unauthorized', `${what} (credentials refused)`);
  if (status === 403) return new ConnectorError('forbidden', `${what} (access forbidden)`);
  if (status === 404 || status === 410)
    return new ConnectorError('not_found', `${what} (not found)`);
  if (status === 408) return new ConnectorError('timeout', `${what} (request timeout)`);
  if (status >= 500) return new ConnectorError('server_error', `${what} (server error)`);
  if (status >= 300 && status < 400) {
    return new ConnectorError('blocked_url', `${what} (redirect not followed)`);
  }
  // Any other 4xx means the request as configured is wrong (bad tag, bad query, …).
  return new ConnectorError('bad_config', `${what} (request refused)`);
}

/** The URL without its query string: queries may carry search terms or tokens. */
function describeRequest(url: string | undefined, baseURL: string | undefined): string {
  if (!url) return 'request';
  try {
    const u = new URL(url, baseURL);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.split('?')[0] ?? 'request';
  }
}
