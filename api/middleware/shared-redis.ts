import type { Redis } from 'ioredis';
import { createRedis } from '../../core/queue/redis.js';

const clients = new Map<string, Redis>();

/**
 * One fail-fast Redis connection per process and URL for the rate limiters, however many apps
 * the process builds (tests build several). It reconnects on its own after a Redis restart, and
 * its socket does not keep the process alive on shutdown.
 */
export function sharedRedis(url: string): Redis {
  let redis = clients.get(url);
  if (redis) return redis;
  redis = createRedis(url, 'producer');
  const r = redis;
  r.on('connect', () => (r.stream as { unref?: () => void } | undefined)?.unref?.());
  clients.set(url, r);
  return r;
}
