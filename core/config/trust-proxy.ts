import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/** Names Express (proxy-addr) knows for address ranges. */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** What Express's `trust proxy` setting receives: no proxy, a number of hops, or addresses. */
export type TrustProxy = false | number | string[];

function isAddressOrSubnet(entry: string): boolean {
  if (RANGE_NAMES.includes(entry)) return true;
  if (!entry.includes('/')) return ipaddr.isValid(entry);
  try {
    ipaddr.parseCIDR(entry);
    return true;
  } catch {
    return false;
  }
}

/**
 * TRUST_PROXY: which proxies in front of the API are believed when they name the client in
 * X-Forwarded-For (the address that rate limits and login throttling count). `false` believes
 * none; a whole number believes that many hops; otherwise a comma-separated list of addresses,
 * CIDR subnets and the names loopback, linklocal, uniquelocal. `true` (every proxy) is refused:
 * any client could then choose the address it is counted under.
 */
export const trustProxySchema = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxy => {
    if (value === 'false') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    const wrong = entries.filter((e) => !isAddressOrSubnet(e));
    if (value === 'true' || entries.length === 0 || wrong.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message:
          value === 'true'
            ? 'true would believe any client about its own address; list the proxies instead'
            : `expected false, a number of hops, or addresses, subnets and loopback/linklocal/uniquelocal separated by commas${wrong.length ? ` (not understood: ${wrong.join(', ')})` : ''}`,
      });
      return z.NEVER;
    }
    return entries;
  });
