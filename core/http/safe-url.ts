import { blockedAddressReason, isAllowedHost, isIpLiteral, unbracket } from './address-policy.js';
import { blocked, resolveSafely } from './safe-lookup.js';

/**
 * The checks that need no network: an absolute http(s) URL without credentials, and, when the
 * host is an IP literal, a public one. The WHATWG parser has already turned decimal, octal, hex
 * and short IPv4 forms (2130706433, 0x7f.1, 0177.0.0.1, 127.1) into dotted quads here.
 */
export function checkUrlSyntax(url: string | URL, allowHosts: readonly string[]): URL {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    throw blocked(`"${String(url).slice(0, 200)}" is not an absolute URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw blocked(`scheme "${parsed.protocol.replace(/:$/, '')}" is not http or https`);
  }
  if (parsed.username || parsed.password) {
    throw blocked('credentials in the URL are not accepted');
  }
  const host = unbracket(parsed.hostname);
  if (!host) throw blocked('the URL has no host');
  if (isAllowedHost(host, allowHosts)) return parsed;
  if (isIpLiteral(host)) {
    const reason = blockedAddressReason(host);
    if (reason) throw blocked(reason);
  }
  return parsed;
}

/**
 * Validate a user-supplied URL when a source (feed, instance, webhook target) is created or
 * edited: syntax, then DNS. Every request re-checks at connect time; this gives the admin an
 * early, readable error. Throws ConnectorError 'blocked_url' (or 'network' when the name does not
 * resolve); returns the parsed URL.
 */
export async function assertSafeUrl(url: string, allowHosts: readonly string[]): Promise<URL> {
  const parsed = checkUrlSyntax(url, allowHosts);
  const host = unbracket(parsed.hostname);
  if (isIpLiteral(host) || isAllowedHost(host, allowHosts)) return parsed;
  await resolveSafely(host, allowHosts);
  return parsed;
}
