import type { Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Config } from '../../core/config/config.js';
import { DomainError } from '../../core/errors.js';
import { sharedRedis } from './shared-redis.js';

/** Refused credentials are counted over 15 minutes: a window long enough to make guessing slow. */
export const CREDENTIAL_WINDOW_MS = 15 * 60_000;
/** What a key is counted by besides the address: `ek_` and 7 characters, as shown in the key list. */
const KEY_PREFIX_LENGTH = 10;

/**
 * Counts refused credentials per address and per key prefix, and answers a refusal with 429 once
 * either count is over `LOGIN_RATE_LIMIT_MAX` in the window. It is asked only after a credential
 * was checked and refused: a valid key (or password) is never blocked, whatever its neighbours
 * behind the same address did, while the guesser is told to wait. Counts live in Redis, shared
 * by every API process; while Redis is down nothing is counted and refusals stay 401.
 */
export interface CredentialGuard {
  /** The error to answer a refused credential with (401, or 429 with Retry-After set on `res`). */
  refused(req: Request, res: Response, message: string, key?: string): Promise<DomainError>;
}

export function credentialGuard(config: Config): CredentialGuard {
  const redis = sharedRedis(config.REDIS_URL);
  const prefix = `${config.QUEUE_PREFIX}:rl:refused:`;
  const max = config.LOGIN_RATE_LIMIT_MAX;

  /** Adds one refusal to `counter`; the milliseconds to wait if it is now over the limit. */
  const count = async (counter: string): Promise<number> => {
    const replies = await redis
      .multi()
      .incr(prefix + counter)
      .pexpire(prefix + counter, CREDENTIAL_WINDOW_MS, 'NX')
      .pttl(prefix + counter)
      .exec();
    const hits = Number(replies?.[0]?.[1] ?? 0);
    const ttl = Number(replies?.[2]?.[1] ?? 0);
    return hits > max ? Math.max(ttl, 1000) : 0;
  };

  return {
    async refused(req, res, message, key) {
      const counters = [`ip:${ipKeyGenerator(req.ip ?? 'unknown')}`];
      if (key?.startsWith('ek_')) counters.push(`key:${key.slice(0, KEY_PREFIX_LENGTH)}`);
      const waits = await Promise.all(counters.map(count)).catch(() => [0]);
      const wait = Math.max(...waits);
      if (wait === 0) return new DomainError('unauthorized', message);
      res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
      return new DomainError('rate_limited', 'too many refused credentials; retry later');
    },
  };
}
