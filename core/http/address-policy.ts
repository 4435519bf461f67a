import ipaddr from 'ipaddr.js';

/**
 * Which IP addresses outbound requests may reach. Only globally routable unicast passes:
 * loopback, private (RFC 1918), CGNAT, link-local (incl. the 169.254.169.254 metadata service),
 * "this network" 0/8, multicast, broadcast, reserved and documentation ranges, and their IPv6
 * equivalents (::1, ::, fc00::/7, fe80::/10, …) are refused. IPv4-mapped and IPv4-compatible
 * IPv6 forms are unwrapped and judged as the IPv4 address they carry.
 */
export function blockedAddressReason(address: string): string | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  // Zone ids (fe80::1%eth0) only make sense on link-local addresses, which are refused anyway.
  const unzoned = bare.split('%')[0] ?? bare;
  if (!ipaddr.isValid(unzoned)) return `"${address}" is not an IP address`;
  let ip = ipaddr.parse(unzoned);
  if (ip instanceof ipaddr.IPv6 && ip.isIPv4MappedAddress()) ip = ip.toIPv4Address();
  const range = ip.range();
  if (range !== 'unicast') return `${address} is a ${RANGE_NAMES[range] ?? range} address`;
  if (ip instanceof ipaddr.IPv6 && isIpv4Compatible(ip)) {
    return `${address} is an IPv4-compatible IPv6 address`;
  }
  return null;
}

/** ::a.b.c.d (deprecated, ::/96): some stacks still route it to the embedded IPv4 address. */
function isIpv4Compatible(ip: ipaddr.IPv6): boolean {
  return ip.parts.slice(0, 6).every((p) => p === 0);
}

const RANGE_NAMES: Record<string, string> = {
  unspecified: 'unspecified (0.0.0.0/8 or ::)',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local (incl. cloud metadata)',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT (100.64/10)',
  private: 'private',
  uniqueLocal: 'unique-local (fc00::/7)',
  reserved: 'reserved',
};

/** True when `hostname` is listed in the allow-list (case-insensitive; IPv6 with or without []). */
export function isAllowedHost(hostname: string, allowHosts: readonly string[]): boolean {
  const host = unbracket(hostname.toLowerCase());
  return allowHosts.some((h) => unbracket(h.trim().toLowerCase()) === host);
}

export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(unbracket(host).split('%')[0] ?? '');
}
