import type { Quota } from '../connectors/connector.js';

/** Header bags as axios, node:http and plain objects give them. */
export type HeaderBag = Record<string, unknown> | { get(name: string): unknown } | null | undefined;

export function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  const lower = name.toLowerCase();
  let value: unknown;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    value = (headers as { get(n: string): unknown }).get(lower);
  } else {
    const bag = headers as Record<string, unknown>;
    const key = Object.keys(bag).find((k) => k.toLowerCase() === lower);
    value = key === undefined ? undefined : bag[key];
  }
  if (Array.isArray(value)) value = value[0];
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

// Reset values above this are Unix epoch seconds (Bluesky, GitHub); below, seconds from now
// (Reddit, the IETF RateLimit draft). 1e9 s is 2001-09-09: no window lasts 30 years.
const EPOCH_THRESHOLD_S = 1e9;

/**
 * A reset header as an absolute time: delta seconds, epoch seconds, or a date (Mastodon sends
 * ISO-8601, Retry-After may be an HTTP-date).
 */
export function parseResetTime(value: string | undefined, now = Date.now()): Date | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    return new Date(n > EPOCH_THRESHOLD_S ? n * 1000 : now + n * 1000);
  }
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** How long a 429 asks us to wait, in ms: Retry-After first, then the rate-limit reset headers. */
export function retryAfterMs(headers: HeaderBag, now = Date.now()): number | undefined {
  const names = ['retry-after', 'x-ratelimit-reset', 'ratelimit-reset'];
  for (const name of names) {
    const at = parseResetTime(header(headers, name), now);
    if (at) return Math.max(0, at.getTime() - now);
  }
  const combined = parseRateLimitField(header(headers, 'ratelimit'), 'reset');
  return combined === undefined ? undefined : Math.max(0, combined * 1000);
}

/**
 * Remaining quota from `x-ratelimit-*` (Mastodon, Reddit), `RateLimit-*` (Bluesky) or the
 * combined IETF `RateLimit: limit=…, remaining=…, reset=…` header. Undefined when none is sent.
 */
export function readQuota(headers: HeaderBag, now = Date.now()): Quota | undefined {
  const pick = (suffix: string) =>
    header(headers, `x-ratelimit-${suffix}`) ?? header(headers, `ratelimit-${suffix}`);
  const combined = header(headers, 'ratelimit');
  let remaining = toNumber(pick('remaining')) ?? parseRateLimitField(combined, 'remaining');
  let limit = toNumber(pick('limit')) ?? parseRateLimitField(combined, 'limit');
  // Reddit sends used + remaining (as floats, "598.0") and no limit.
  const used = toNumber(pick('used'));
  if (limit === undefined && used !== undefined && remaining !== undefined)
    limit = used + remaining;
  const combinedReset = parseRateLimitField(combined, 'reset');
  const reset =
    parseResetTime(pick('reset'), now) ??
    (combinedReset === undefined ? undefined : new Date(now + combinedReset * 1000));
  if (remaining === undefined && limit === undefined && !reset) return undefined;
  if (remaining !== undefined) remaining = Math.floor(remaining);
  const quota: Quota = {};
  if (limit !== undefined) quota.limit = Math.floor(limit);
  if (remaining !== undefined) quota.remaining = remaining;
  if (reset) quota.resetAt = reset.toISOString();
  return quota;
}

function toNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.split(',')[0]?.trim());
  return Number.isFinite(n) ? n : undefined;
}

function parseRateLimitField(value: string | undefined, field: string): number | undefined {
  if (!value) return undefined;
  const match = new RegExp(`(?:^|[;,\\s])${field}=(\\d+(?:\\.\\d+)?)`).exec(value);
  return match ? Number(match[1]) : undefined;
}
