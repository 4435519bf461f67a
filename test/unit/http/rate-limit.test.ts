import { describe, expect, it } from 'vitest';
import { parseResetTime, readQuota, retryAfterMs } from '../../../core/http/rate-limit.js';

const now = Date.parse('2025-07-17T20:00:00Z');

describe('readQuota', () => {
  it('reads Mastodon x-ratelimit-* with an ISO reset', () => {
    const quota = readQuota(
      {
        'x-ratelimit-limit': '300',
        'x-ratelimit-remaining': '291',
        'x-ratelimit-reset': '2025-07-17T20:05:00.725062Z',
      },
      now,
    );
    expect(quota).toEqual({ limit: 300, remaining: 291, resetAt: '2025-07-17T20:05:00.725Z' });
  });

  it('reads Bluesky RateLimit-* with an epoch-seconds reset, whatever the header case', () => {
    const quota = readQuota(
      { 'RateLimit-Limit': '3000', 'RateLimit-Remaining': '2983', 'RateLimit-Reset': '1747676784' },
      now,
    );
    expect(quota).toEqual({ limit: 3000, remaining: 2983, resetAt: '2025-05-19T17:46:24.000Z' });
  });

  it('reads Reddit used + remaining floats and a delta-seconds reset', () => {
    const quota = readQuota(
      { 'x-ratelimit-used': '2', 'x-ratelimit-remaining': '598.0', 'x-ratelimit-reset': '60' },
      now,
    );
    expect(quota).toEqual({ limit: 600, remaining: 598, resetAt: '2025-07-17T20:01:00.000Z' });
  });

  it('reads the combined IETF RateLimit header', () => {
    const quota = readQuota({ ratelimit: 'limit=100, remaining=50, reset=5' }, now);
    expect(quota).toEqual({ limit: 100, remaining: 50, resetAt: '2025-07-17T20:00:05.000Z' });
  });

  it('returns undefined when no rate-limit header is sent', () => {
    expect(readQuota({ 'content-type': 'application/json' }, now)).toBeUndefined();
  });
});

describe('retryAfterMs and parseResetTime', () => {
  it('prefers Retry-After over the reset headers', () => {
    expect(retryAfterMs({ 'retry-after': '7', 'x-ratelimit-reset': '60' }, now)).toBe(7000);
  });

  it('never returns a negative wait for a reset in the past', () => {
    expect(retryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }, now)).toBe(0);
  });

  it('returns undefined for an unreadable value', () => {
    expect(parseResetTime('soon', now)).toBeUndefined();
    expect(retryAfterMs({}, now)).toBeUndefined();
  });
});
