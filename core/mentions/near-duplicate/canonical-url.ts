/**
 * The grouping key of a permalink, so the same post or article linked from two sources groups.
 * Not meant for fetching: it forces https and drops parameters that select nothing.
 *
 * - only http(s); anything else (or an unparsable URL) gives null;
 * - https, lower-case host without `www.` or a trailing dot, no credentials, no default port;
 * - no fragment; no tracking parameters (utm_*, fbclid, gclid and the like); the rest sorted;
 * - no trailing slash except for the root;
 * - twitter.com / mobile.twitter.com → x.com without query (?s=20&t=… are share ids);
 *   old./new./np./www.reddit.com → reddit.com.
 */

const TRACKING = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'igshid',
  'igsh',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'ref_src',
  'ref_url',
]);

const HOST_ALIASES: Record<string, string> = {
  'twitter.com': 'x.com',
  'mobile.twitter.com': 'x.com',
  'mobile.x.com': 'x.com',
  'old.reddit.com': 'reddit.com',
  'new.reddit.com': 'reddit.com',
  'np.reddit.com': 'reddit.com',
};
const QUERYLESS_HOSTS = new Set(['x.com']);

export function canonicalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.protocol = 'https:';
  if (url.port === '443' || url.port === '80') url.port = '';
  url.username = '';
  url.password = '';
  url.hash = '';
  const host = url.hostname.replace(/\.$/, '').replace(/^www\./, '');
  url.hostname = HOST_ALIASES[host] ?? host;
  cleanQuery(url);
  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return url.toString();
}

function cleanQuery(url: URL): void {
  if (QUERYLESS_HOSTS.has(url.hostname)) {
    url.search = '';
    return;
  }
  for (const name of [...url.searchParams.keys()]) {
    const lower = name.toLowerCase();
    if (lower.startsWith('utm_') || TRACKING.has(lower)) url.searchParams.delete(name);
  }
  url.searchParams.sort();
  if ([...url.searchParams.keys()].length === 0) url.search = '';
}
