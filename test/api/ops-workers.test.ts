import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../core/config/config.js';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { createLogger } from '../../core/logger.js';
import { checkRedisDurability } from '../../core/ops/redis-durability.js';
import { QUEUES } from '../../core/queue/jobs.js';
import { Queues, queueSettings } from '../../core/queue/queues.js';
import { exited, spawnWorker } from '../support/child-worker.js';
import { generateMentions } from '../support/generate-mentions.js';
import { redisUrl } from '../support/pg-url.js';
import { freePort, startPrivateRedis } from '../support/private-services.js';
import {
  createTestDatabase,
  testQueuePrefix,
  waitFor,
  type TestDatabase,
} from '../support/test-db.js';

const TOKEN = 'worker-metrics-token-12345';

describe('a worker process exposes its job metrics on METRICS_PORT', () => {
  let database: TestDatabase;
  let queues: Queues;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const q of QUEUES)
      await queues?.byName[q].obliterate({ force: true }).catch(() => undefined);
    await queues?.close();
    await database?.drop();
  });

  it('counts completed analysis jobs with their durations, behind the metrics token', async () => {
    const prefix = testQueuePrefix();
    queues = new Queues(queueSettings(testConfig({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix })));
    const port = await freePort();
    const worker = spawnWorker({
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      HOST: '127.0.0.1',
      ECOUTE_HOME: await mkdtemp(path.join(os.tmpdir(), 'ecoute-wm-')),
      ANALYZE_THREADS: '1',
      METRICS_PORT: String(port),
      METRICS_TOKEN: TOKEN,
      SWEEP_INTERVAL_S: '3600',
    });
    try {
      await ingest(
        { db: database.db, queues, logger: createLogger('silent'), analyzeBatchSize: 100 },
        { sourceId: null, mentions: generateMentions(300, 0) },
      );
      const url = `http://127.0.0.1:${port}/metrics`;
      const text = await waitFor(
        'three analysis jobs in the worker metrics',
        async () => {
          const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } }).catch(
            () => null,
          );
          if (!res?.ok) return null;
          const body = await res.text();
          return /ecoute_job_duration_seconds_count\{[^}]*job="mentions\.analyze"[^}]*outcome="completed"[^}]*\} 3\b/.test(
            body,
          )
            ? body
            : null;
        },
        60_000,
        200,
      );
      expect(text).toContain('process="worker"');
      expect(text).not.toMatch(/ecoute_job_failures_total\{[^}]*job="mentions\.analyze"/);
      expect((await fetch(url)).status).toBe(401);
    } finally {
      worker.kill('SIGTERM');
      expect(await exited(worker)).toBe(0);
    }
  });
});

describe('boot checks on Redis durability', () => {
  const logger = createLogger('silent');

  it('warns about a Redis without persistence and with an evicting memory policy', async () => {
    const redis = await startPrivateRedis(['--maxmemory-policy', 'allkeys-lru']);
    const client = new Redis(redis.url);
    try {
      const report = await checkRedisDurability(client, logger);
      expect(report.appendonly).toBe('no');
      expect(report.maxmemoryPolicy).toBe('allkeys-lru');
      expect(report.warnings).toHaveLength(2);
      expect(report.warnings[0]).toMatch(/no persistence/);
      expect(report.warnings[1]).toMatch(/allkeys-lru.*noeviction/);
    } finally {
      client.disconnect();
      await redis.cleanup();
    }
  });

  it('says nothing about a Redis with an append-only file and noeviction', async () => {
    const redis = await startPrivateRedis([
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
    ]);
    const client = new Redis(redis.url);
    try {
      const report = await checkRedisDurability(client, logger);
      expect(report).toMatchObject({
        appendonly: 'yes',
        maxmemoryPolicy: 'noeviction',
        warnings: [],
      });
    } finally {
      client.disconnect();
      await redis.cleanup();
    }
  });
});
