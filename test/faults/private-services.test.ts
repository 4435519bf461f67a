import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Redis } from 'ioredis';
import {
  startPrivatePostgres,
  startPrivateRedis,
  type PrivatePostgres,
  type PrivateRedis,
} from '../support/private-services.js';

describe('private servers for fault tests', () => {
  let redis: PrivateRedis;
  let postgres: PrivatePostgres;
  beforeAll(async () => {
    [redis, postgres] = await Promise.all([startPrivateRedis(), startPrivatePostgres()]);
  });
  afterAll(async () => {
    await Promise.all([redis?.cleanup(), postgres?.cleanup()]);
  });

  it('gives a Redis that forgets its keys when killed and restarted', async () => {
    const client = new Redis(redis.url, { retryStrategy: () => 100 });
    client.on('error', () => undefined);
    await client.set('k', 'v');
    await redis.kill();
    await redis.start();
    await expect(client.get('k')).resolves.toBeNull();
    client.disconnect();
  });

  it('gives a migrated PostgreSQL database that survives a stop and a start', async () => {
    const url = await postgres.createDatabase('ecoute_private');
    const query = async (text: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return await c.query(text);
      } finally {
        await c.end();
      }
    };
    await query(`insert into topics (name, query) values ('t', 'box')`);
    await postgres.stop('immediate');
    await expect(query('select 1')).rejects.toThrow();
    await postgres.start();
    const r = await query('select count(*)::int as n from topics');
    expect(r.rows[0].n).toBe(1);
  });
});
