import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalysisPool } from '../../core/analysis/analysis-pool.js';
import { testConfig } from '../../core/config/config.js';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { createLogger } from '../../core/logger.js';
import { QUEUES } from '../../core/queue/jobs.js';
import { Queues, queueSettings } from '../../core/queue/queues.js';
import { SecretBox } from '../../core/security/secret-box.js';
import { createOutboundHttp } from '../../core/http/outbound.js';
import { startWorkers } from '../../workers/runtime.js';
import { exited, spawnWorker } from '../support/child-worker.js';
import { generateMentions } from '../support/generate-mentions.js';
import { redisUrl } from '../support/pg-url.js';
import {
  createTestDatabase,
  testQueuePrefix,
  waitFor,
  type TestDatabase,
} from '../support/test-db.js';

const logger = createLogger('silent');

async function analysedCount(database: TestDatabase): Promise<number> {
  const r = await database.db
    .selectFrom('mention_analyses')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('analysis delivery', () => {
  let database: TestDatabase;
  let prefix: string;
  let queues: Queues;
  let home: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    home = await mkdtemp(path.join(os.tmpdir(), 'ecoute-delivery-'));
  });
  afterAll(async () => {
    await database.drop();
  });

  async function freshQueues() {
    prefix = testQueuePrefix();
    queues = new Queues(queueSettings(testConfig({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix })));
    return queues;
  }
  async function dropQueues() {
    for (const q of QUEUES)
      await queues.byName[q].obliterate({ force: true }).catch(() => undefined);
    await queues.close();
  }

  it('completes the analysis through the sweeper when the queued jobs are lost', async () => {
    await freshQueues();
    const deps = { db: database.db, queues, logger, analyzeBatchSize: 100 };
    const outcome = await ingest(deps, { sourceId: null, mentions: generateMentions(750, 0) });
    expect(outcome.status).toBe('stored');
    expect(await queues.byName.analyze.getWaitingCount()).toBe(8);

    // Redis loses everything before any worker ran.
    await queues.byName.analyze.obliterate({ force: true });
    expect(await queues.byName.analyze.getWaitingCount()).toBe(0);

    const config = testConfig({
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      ECOUTE_HOME: home,
      SWEEP_GRACE_S: 0,
      SWEEP_INTERVAL_S: 5,
      ANALYZE_BATCH_SIZE: 100,
    });
    const pool = createAnalysisPool(1);
    const running = await startWorkers({
      config,
      db: database.db,
      queues,
      pool,
      logger,
      http: createOutboundHttp({ timeoutMs: 1000, maxBytes: 1024, allowHosts: [] }),
      secrets: await SecretBox.load(undefined, home),
    });
    try {
      // The sweeper's scheduler runs on start: it finds the 750 and re-enqueues them.
      const done = await waitFor(
        'the sweeper to complete the analysis',
        async () => {
          const n = await analysedCount(database);
          return n === 750 ? n : null;
        },
        60_000,
        100,
      );
      expect(done).toBe(750);
    } finally {
      await running.close();
      await pool.close();
      await dropQueues();
    }
  });

  it(
    'analyses every mention exactly once with two worker processes sharing the queues',
    { timeout: 120_000 },
    async () => {
      await freshQueues();
      const env = {
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: prefix,
        ECOUTE_HOME: home,
        ANALYZE_THREADS: '1',
        ANALYZE_BATCH_SIZE: '100',
        SWEEP_INTERVAL_S: '3600',
      };
      const workers = [spawnWorker(env), spawnWorker(env)];
      try {
        const before = await analysedCount(database);
        const deps = { db: database.db, queues, logger, analyzeBatchSize: 100 };
        for (let i = 0; i < 4; i++) {
          await ingest(deps, { sourceId: null, mentions: generateMentions(500, 10_000 + i * 500) });
        }
        await waitFor(
          '2,000 analyses',
          async () => ((await analysedCount(database)) - before === 2_000 ? true : null),
          90_000,
          100,
        );
        // A job's rows commit just before the job is marked completed: wait for the 20 jobs too.
        // The analyze queue also runs follow-up jobs (churn risk, spikes): count analysis jobs only.
        const analysisJobs = async () =>
          ((await queues.byName.analyze.getCompleted(0, 1_000)) as Job[]).filter(
            (j) => j.name === 'mentions.analyze',
          );
        const completed = await waitFor('20 completed analysis jobs', async () => {
          const jobs = await analysisJobs();
          return jobs.length >= 20 ? jobs : null;
        });
        const analysed = completed.reduce(
          (sum, j) => sum + (j.returnvalue as { analysed: number }).analysed,
          0,
        );
        // Each mention was analysed by exactly one job, and both processes took jobs.
        expect(analysed).toBe(2_000);
        expect(completed).toHaveLength(20);
        expect(new Set(completed.map((j) => j.processedBy)).size).toBe(2);
        expect(await queues.byName.analyze.getFailedCount()).toBe(0);
      } finally {
        for (const w of workers) w.kill('SIGTERM');
        await Promise.all(workers.map(exited));
        await dropQueues();
      }
    },
  );
});
