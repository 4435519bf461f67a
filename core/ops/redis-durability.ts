import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export interface DurabilityReport {
  appendonly?: string;
  save?: string;
  maxmemoryPolicy?: string;
  warnings: string[];
}

/**
 * Boot check: Redis holds the work queues, so a Redis that forgets (no AOF, no RDB snapshots)
 * or evicts keys under memory pressure (any policy but noeviction) loses jobs. Postgres keeps the
 * data and the sweeper re-enqueues lost analyses, but polls, deliveries and retries would be
 * delayed or lost: say so loudly at start. A managed Redis that forbids CONFIG is reported once.
 */
export async function checkRedisDurability(
  redis: Redis,
  logger: Logger,
): Promise<DurabilityReport> {
  const report: DurabilityReport = { warnings: [] };
  try {
    report.appendonly = await configGet(redis, 'appendonly');
    report.save = await configGet(redis, 'save');
    report.maxmemoryPolicy = await configGet(redis, 'maxmemory-policy');
  } catch (err) {
    report.warnings.push(
      `could not read the Redis configuration (${(err as Error).message}); check persistence and maxmemory-policy by hand`,
    );
  }
  if (report.appendonly === 'no' && report.save === '') {
    report.warnings.push(
      'Redis has no persistence (appendonly no, save ""): a restart loses every queued job; turn on appendonly yes',
    );
  }
  if (report.maxmemoryPolicy && report.maxmemoryPolicy !== 'noeviction') {
    report.warnings.push(
      `Redis maxmemory-policy is ${report.maxmemoryPolicy}: under memory pressure it evicts queue keys; set noeviction`,
    );
  }
  for (const w of report.warnings) logger.warn({ check: 'redis-durability' }, w);
  return report;
}

async function configGet(redis: Redis, name: string): Promise<string | undefined> {
  // CONFIG GET answers [name, value] (RESP2) or {name: value} (RESP3).
  const reply = (await redis.call('CONFIG', 'GET', name)) as string[] | Record<string, string>;
  if (Array.isArray(reply)) return reply[1];
  return reply[name];
}
