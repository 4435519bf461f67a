import { ConnectorError } from '../connectors/connector-error.js';
import { getConnector, isConnectorKind } from '../connectors/registry.js';
import { DomainError, invalid } from '../errors.js';
import { assertSafeUrl } from '../http/outbound.js';
import { POLLED_KINDS } from './poll.service.js';

/**
 * How long a creation waits for DNS before treating the host as unresolvable. A machine without
 * network usually fails at once (EAI_AGAIN), but a resolver that does not answer would otherwise
 * hold the admin's request for the resolver's own timeouts (5 s × attempts).
 */
export const CREATE_DNS_TIMEOUT_MS = 2_000;

/** Settings keys that hold a URL the connector will request. */
const URL_KEY = /url|instance|base/i;

/**
 * Validates a source's settings with its connector's schema (defaults applied) and refuses
 * unsafe URLs. Errors name the field (`config.<key>`) and the reason.
 */
export async function validateSourceConfig(
  kind: string,
  config: Record<string, unknown>,
  allowHosts: readonly string[],
): Promise<Record<string, unknown>> {
  if (!POLLED_KINDS.has(kind)) {
    if (Object.keys(config).length > 0) throw invalid('config', `${kind} sources take no settings`);
    return {};
  }
  if (!isConnectorKind(kind)) throw invalid('kind', `${kind} sources cannot be polled yet`);
  const parsed = getConnector(kind).configSchema.safeParse(config);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i: { path: PropertyKey[]; message: string }) => ({
      field: ['config', ...i.path.map(String)].join('.'),
      reason: i.message,
    }));
    throw new DomainError('validation_failed', 'invalid source settings', details);
  }
  const value = parsed.data as Record<string, unknown>;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string' || !URL_KEY.test(key)) continue;
    await checkSourceUrl(`config.${key}`, v, allowHosts);
  }
  return value;
}

/**
 * The URL check at creation and edit. Syntax, scheme and IP literals are always checked, and a
 * name that resolves is refused when any of its addresses is private. A name that does not
 * resolve (a machine without network, a resolver that is down, a typo) is accepted: creating a
 * Reddit source offline must work, and nothing is lost, because every request resolves again and
 * refuses private addresses at connect time (core/http/safe-lookup.ts) — an unresolvable host
 * just fails the poll with a temporary 'network' error shown in the source's health.
 */
export async function checkSourceUrl(
  field: string,
  url: string,
  allowHosts: readonly string[],
): Promise<void> {
  try {
    await withTimeout(assertSafeUrl(url, allowHosts), CREATE_DNS_TIMEOUT_MS);
  } catch (err) {
    if (err instanceof DnsTimeout) return;
    if (err instanceof ConnectorError && err.code === 'network') return;
    throw invalid(field, err instanceof Error ? err.message : String(err));
  }
}

class DnsTimeout extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DnsTimeout('dns timeout')), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
