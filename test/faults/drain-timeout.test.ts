import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Job } from 'bullmq';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../core/config/config.js';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { createLogger } from '../../core/logger.js';
import { QUEUES } from '../../core/queue/jobs.js';
import { Queues, queueSettings } from '../../core/queue/queues.js';
import { exited, spawnWorker } from '../support/child-worker.js';
import { generateMentions } from '../support/generate-mentions.js';
import { redisUrl } from '../support/pg-url.js';
import {
  createTestDatabase,
  testQueuePrefix,
  waitFor,
  type TestDatabase,
} from '../support/test-db.js';
import { counts } from './counts.js';
import { startPipeline } from './follow-ups.js';

const TOTAL = 500;
const BATCH = 250;
const SHUTDOWN_TIMEOUT_MS = 1_000;

describe('a worker stopped with SIGTERM while its jobs cannot finish', () => {
  let database: TestDatabase;
  let queues: Queues;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const prefix = testQueuePrefix();
    queues = new Queues(queueSettings(testConfig({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix })));
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      ECOUTE_HOME: await mkdtemp(path.join(os.tmpdir(), 'ecoute-drain-bound-')),
      ANALYZE_THREADS: '1',
      ANALYZE_BATCH_SIZE: String(BATCH),
      WORKER_CONCURRENCY: '2',
      SWEEP_INTERVAL_S: '3600',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    };
  });
  afterAll(async () => {
    for (const q of QUEUES)
      await queues.byName[q].obliterate({ force: true }).catch(() => undefined);
    await queues.close();
    await database.drop();
  });

  it(
    'exits once SHUTDOWN_TIMEOUT_MS has passed and hands its jobs, attempts unspent, to the next worker',
    { timeout: 180_000 },
    async () => {
      await ingest(
        { db: database.db, queues, logger: createLogger('silent'), analyzeBatchSize: BATCH },
        { sourceId: null, mentions: generateMentions(TOTAL, 0) },
      );
      // Another session holds the analyses table: every batch blocks on its insert.
      const holder = new pg.Client({ connectionString: database.url });
      await holder.connect();
      await holder.query('begin');
      await holder.query('lock table mention_analyses in exclusive mode');
      const analyze = queues.byName.analyze;
      const worker = spawnWorker(env);
      try {
        await waitFor(
          'both analysis batches blocked on the lock',
          async () => {
            const r = await sql<{ n: number }>`
              select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`.execute(database.db);
            return r.rows[0]!.n === TOTAL / BATCH;
          },
          90_000,
          50,
        );
        const signalled = Date.now();
        worker.kill('SIGTERM');
        expect(await exited(worker)).toBe(0);
        const drainMs = Date.now() - signalled;
        // It waited for the bound, and not much longer (process exit, Redis round trips).
        expect(drainMs).toBeGreaterThanOrEqual(SHUTDOWN_TIMEOUT_MS);
        expect(drainMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 5_000);
      } finally {
        await holder.query('rollback');
        await holder.end();
      }

      // Released, not abandoned: back in the waiting list at once (no lock to expire first),
      // no attempt spent, nothing failed, nothing of theirs committed.
      expect(await analyze.getActiveCount()).toBe(0);
      expect(await analyze.getFailedCount()).toBe(0);
      const waiting = (await analyze.getWaiting()) as Job[];
      expect(waiting.map((j) => j.name)).toEqual(['mentions.analyze', 'mentions.analyze']);
      expect(waiting.map((j) => j.attemptsMade)).toEqual([0, 0]);
      expect((await counts(database.db)).analyses).toBe(0);

      const next = await startPipeline(database.db, {
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: env.QUEUE_PREFIX!,
        ANALYZE_BATCH_SIZE: BATCH,
      });
      try {
        await waitFor(
          'every mention analysed by the next worker',
          async () => (await counts(database.db)).analyses === TOTAL,
          90_000,
          100,
        );
      } finally {
        await next.stop();
      }
      expect(await counts(database.db)).toEqual({
        mentions: TOTAL,
        distinctMentions: TOTAL,
        analyses: TOTAL,
      });
    },
  );
});
