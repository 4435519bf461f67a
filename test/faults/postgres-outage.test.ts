import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalysisPool } from '../../core/analysis/analysis-pool.js';
import { testConfig } from '../../core/config/config.js';
import { createDb, type Db } from '../../core/db/database.js';
import { createOutboundHttp } from '../../core/http/outbound.js';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { createLogger } from '../../core/logger.js';
import { QUEUES } from '../../core/queue/jobs.js';
import { Queues, queueSettings } from '../../core/queue/queues.js';
import { SecretBox } from '../../core/security/secret-box.js';
import { startWorkers } from '../../workers/runtime.js';
import { generateMentions } from '../support/generate-mentions.js';
import { redisUrl } from '../support/pg-url.js';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-services.js';
import { testQueuePrefix, waitFor } from '../support/test-db.js';
import { counts } from './counts.js';

const TOTAL = 2_000;
const BATCH = 250;

describe('Postgres stopped in the middle of analysis batches and restarted', () => {
  let postgres: PrivatePostgres;
  let db: Db;
  let queues: Queues;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    db = createDb({ url: await postgres.createDatabase('ecoute_fault'), max: 5 });
    queues = new Queues(
      queueSettings(
        testConfig({
          REDIS_URL: redisUrl,
          QUEUE_PREFIX: testQueuePrefix(),
          JOB_ATTEMPTS: 10,
          JOB_BACKOFF_MS: 300,
        }),
      ),
    );
  });
  afterAll(async () => {
    for (const q of QUEUES)
      await queues?.byName[q].obliterate({ force: true }).catch(() => undefined);
    await queues?.close();
    await db?.destroy();
    await postgres?.cleanup();
  });

  it(
    'rolls the interrupted batches back and runs them again once it is back, no attempt spent: every mention analysed once',
    { timeout: 240_000 },
    async () => {
      const logger = createLogger('silent');
      await ingest(
        { db, queues, logger, analyzeBatchSize: BATCH },
        { sourceId: null, mentions: generateMentions(TOTAL, 0) },
      );
      const home = await mkdtemp(path.join(os.tmpdir(), 'ecoute-pgfault-'));
      const config = testConfig({
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: queues.settings.prefix,
        ECOUTE_HOME: home,
        SWEEP_INTERVAL_S: 3600,
      });
      const pool = createAnalysisPool(1);
      const running = await startWorkers(
        {
          config,
          db,
          queues,
          pool,
          logger,
          http: createOutboundHttp({ timeoutMs: 1000, maxBytes: 1024, allowHosts: [] }),
          secrets: await SecretBox.load(undefined, home),
        },
        { schedule: false },
      );
      try {
        const analyze = queues.byName.analyze;
        await waitFor(
          'an analysis batch in flight',
          async () => (await analyze.getActiveCount()) > 0,
          30_000,
          10,
        );
        await postgres.stop('immediate');
        // Long enough for the in-flight batches to fail against a dead server and wait for it.
        await waitFor(
          'a batch waiting for the database',
          async () => {
            const jobs = (await analyze.getJobs(['delayed'])) as Job[];
            return jobs.some((j) => j.attemptsStarted > j.attemptsMade);
          },
          30_000,
          50,
        );
        await postgres.start();

        const done = await waitFor(
          'every analysis job completed',
          async () => {
            const jobs = ((await analyze.getCompleted(0, 100)) as Job[]).filter(
              (j) => j.name === 'mentions.analyze',
            );
            return jobs.length === TOTAL / BATCH ? jobs : null;
          },
          150_000,
          200,
        );
        const analysed = done.map((j) => (j.returnvalue as { analysed: number }).analysed);
        const skipped = done.map((j) => (j.returnvalue as { skipped: number }).skipped);
        // Each batch was written whole or not at all: its last run found all of its mentions to
        // analyse, or (when the crash came after the commit) none.
        for (const n of analysed) expect([0, BATCH]).toContain(n);
        expect(analysed.reduce((x, y) => x + y, 0) + skipped.reduce((x, y) => x + y, 0)).toBe(
          TOTAL,
        );
        // The interrupted batches waited for the database without spending an attempt (BullMQ
        // counts the run that succeeded as one).
        expect(done.some((j) => j.attemptsStarted > j.attemptsMade)).toBe(true);
        expect(done.map((j) => j.attemptsMade)).toEqual(done.map(() => 1));
        expect(await analyze.getFailedCount()).toBe(0);
        expect(await counts(db)).toEqual({
          mentions: TOTAL,
          distinctMentions: TOTAL,
          analyses: TOTAL,
        });
      } finally {
        await running.close();
        await pool.close();
      }
    },
  );
});
