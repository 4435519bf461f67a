import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { redisOptions } from '../queue/redis.js';
import { checkRedisDurability, type DurabilityReport } from './redis-durability.js';

/**
 * Checks run when the API or a worker process starts. They warn and never stop the start: a
 * process started before Redis is up reports itself not ready and catches up when Redis comes.
 */
export async function runBootChecks(
  redisUrl: string,
  logger: Logger,
): Promise<DurabilityReport | null> {
  const redis = new Redis({
    ...redisOptions(redisUrl, 'producer'),
    lazyConnect: true,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await checkRedisDurability(redis, logger);
  } catch (err) {
    logger.warn(
      { check: 'redis-durability', err: (err as Error).message },
      'Redis unreachable at start: durability not checked',
    );
    return null;
  } finally {
    redis.disconnect();
  }
}
