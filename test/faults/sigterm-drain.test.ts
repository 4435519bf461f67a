import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Job } from 'bullmq';
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

const TOTAL = 3_000;

describe('a worker stopped with SIGTERM in the middle of a batch', () => {
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
      ECOUTE_HOME: await mkdtemp(path.join(os.tmpdir(), 'ecoute-drain-')),
      ANALYZE_THREADS: '1',
      ANALYZE_BATCH_SIZE: '250',
      WORKER_CONCURRENCY: '2',
      SWEEP_INTERVAL_S: '3600',
    };
  });
  afterAll(async () => {
    for (const q of QUEUES)
      await queues.byName[q].obliterate({ force: true }).catch(() => undefined);
    await queues.close();
    await database.drop();
  });

  it(
    'finishes its in-flight jobs before exiting, leaving none active or failed',
    { timeout: 240_000 },
    async () => {
      await ingest(
        { db: database.db, queues, logger: createLogger('silent'), analyzeBatchSize: 250 },
        { sourceId: null, mentions: generateMentions(TOTAL, 0) },
      );
      const analyze = queues.byName.analyze;
      const worker = spawnWorker(env);
      const inFlight = await waitFor(
        'jobs in flight',
        async () => {
          const active = (await analyze.getActive()) as Job[];
          return active.length > 0 ? active.map((j) => j.id) : null;
        },
        90_000,
        20,
      );
      worker.kill('SIGTERM');
      expect(await exited(worker)).toBe(0);

      expect(await analyze.getActiveCount()).toBe(0);
      expect(await analyze.getFailedCount()).toBe(0);
      const analyses = (jobs: Job[]) => jobs.filter((j) => j.name === 'mentions.analyze');
      const completed = analyses((await analyze.getCompleted(0, 100)) as Job[]);
      // Every job that was running when the signal came was completed, not abandoned.
      expect(completed.map((j) => j.id)).toEqual(expect.arrayContaining(inFlight));
      const analysedByCompleted = completed.reduce(
        (n, j) => n + (j.returnvalue as { analysed: number }).analysed,
        0,
      );
      const after = await counts(database.db);
      expect(after.analyses).toBe(analysedByCompleted);
      // What was not started waits for the next worker: nothing lost.
      expect(analyses((await analyze.getWaiting(0, 100)) as Job[])).toHaveLength(
        TOTAL / 250 - completed.length,
      );

      const next = spawnWorker(env);
      try {
        await waitFor(
          'every mention analysed',
          async () => (await counts(database.db)).analyses === TOTAL,
          150_000,
          200,
        );
      } finally {
        next.kill('SIGTERM');
        await exited(next);
      }
      const all = analyses((await analyze.getCompleted(0, 100)) as Job[]);
      expect(all.reduce((n, j) => n + (j.returnvalue as { analysed: number }).analysed, 0)).toBe(
        TOTAL,
      );
      expect(await counts(database.db)).toEqual({
        mentions: TOTAL,
        distinctMentions: TOTAL,
        analyses: TOTAL,
      });
    },
  );
});
