import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Connection options for BullMQ. Producers (API, CLI) fail fast when Redis is down instead of
 * queueing commands in memory; workers retry for ever (maxRetriesPerRequest: null), as BullMQ
 * requires, and resume on their own when Redis comes back.
 */
export function redisOptions(url: string, role: 'producer' | 'worker'): RedisOptions {
  const u = new URL(url);
  const options: RedisOptions = {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // Back off reconnects up to 2 s so a restarted Redis is picked up quickly.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  };
  if (role === 'worker') return { ...options, maxRetriesPerRequest: null };
  return { ...options, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 };
}

export function createRedis(url: string, role: 'producer' | 'worker'): Redis {
  const redis = new Redis(redisOptions(url, role));
  // Connection errors surface through ping/readiness and job failures; an unhandled 'error'
  // event would crash the process.
  redis.on('error', () => undefined);
  return redis;
}

/** The same options in BullMQ's type, which describes ioredis's options more loosely. */
export function bullConnection(url: string, role: 'producer' | 'worker'): ConnectionOptions {
  return redisOptions(url, role) as ConnectionOptions;
}
