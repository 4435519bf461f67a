import { setTimeout as sleep } from 'node:timers/promises';
import type { Job } from 'bullmq';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../core/db/database.js';
import { QUEUES } from '../../core/queue/jobs.js';
import { redisUrl } from '../support/pg-url.js';
import {
  startPrivatePostgres,
  startPrivateRedis,
  type PrivatePostgres,
  type PrivateRedis,
} from '../support/private-services.js';
import {
  createTestDatabase,
  testQueuePrefix,
  waitFor,
  type TestDatabase,
} from '../support/test-db.js';
import {
  failedJobs,
  seedCustomers,
  startPipeline,
  storeMentions,
  waitForFollowups,
  type FollowupCounts,
  type Pipeline,
} from './follow-ups.js';

const TOTAL = 1_000;
const BATCH = 200;
const ACCOUNTS = 30;
/** Far beyond the workers' retry budget (2 attempts, 200 ms backoff: 0.2 s). */
const POSTGRES_OUTAGE_MS = 6_000;

/** Some batch has been analysed and still owes follow-ups: the moment to break something. */
async function followupsUnderWay(db: Db): Promise<boolean> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from analysis_followups where cardinality(pending) > 0
  `.execute(db);
  return r.rows[0]!.n > 0;
}

/**
 * Completed jobs by how they got there: started more often than attempted (they waited for the
 * database), and with an attempt spent before the one that succeeded (BullMQ counts the
 * successful run as an attempt too).
 */
async function completedJobs(pipeline: Pipeline) {
  const jobs: Job[] = [];
  for (const q of QUEUES) jobs.push(...((await pipeline.queues.byName[q].getCompleted()) as Job[]));
  return {
    waited: jobs.filter((j) => j.attemptsStarted > j.attemptsMade).length,
    spentAnAttempt: jobs.filter((j) => j.attemptsMade > 1).length,
  };
}

describe('follow-ups of analysed batches survive outages', () => {
  let control: FollowupCounts;

  beforeAll(async () => {
    // The undisturbed control: the same mentions and accounts, nothing broken.
    const database = await createTestDatabase();
    const pipeline = await startPipeline(database.db, {
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: testQueuePrefix(),
      ANALYZE_BATCH_SIZE: BATCH,
    });
    try {
      await seedCustomers(database.db, ACCOUNTS);
      await storeMentions(database.db, pipeline.queues, TOTAL, BATCH);
      control = await waitForFollowups(database.db, TOTAL, 120_000);
    } finally {
      await pipeline.stop();
      await database.drop();
    }
  }, 180_000);

  it('the control run leaves nothing owed: every idea a candidate, every dissatisfied mention a conversation and a driver, every account a risk', () => {
    expect(control).toMatchObject({
      analyses: TOTAL,
      ideasWithoutCandidate: 0,
      dissatisfiedWithoutConversation: 0,
      dissatisfiedWithoutDriver: 0,
      duplicates: 0,
      duplicateMessages: 0,
      linkedCustomers: ACCOUNTS,
      customersWithoutRisk: 0,
      unfinishedBatches: 0,
    });
    expect(control.ideaMentions).toBeGreaterThan(0);
    expect(control.dissatisfied).toBeGreaterThan(0);
    expect(control.conversations).toBeGreaterThan(0);
  });

  describe('Postgres stopped longer than the whole retry budget, then restarted', () => {
    let postgres: PrivatePostgres;
    let db: Db;
    let pipeline: Pipeline;

    beforeAll(async () => {
      postgres = await startPrivatePostgres();
      db = createDb({ url: await postgres.createDatabase('ecoute_followups'), max: 5 });
    }, 60_000);
    afterAll(async () => {
      await pipeline?.stop();
      await db?.destroy();
      await postgres?.cleanup();
    }, 60_000);

    it(
      'finishes every follow-up once it is back, with counts equal to the control and no job failed',
      { timeout: 180_000 },
      async () => {
        await seedCustomers(db, ACCOUNTS);
        pipeline = await startPipeline(db, {
          REDIS_URL: redisUrl,
          QUEUE_PREFIX: testQueuePrefix(),
          ANALYZE_BATCH_SIZE: BATCH,
        });
        await storeMentions(db, pipeline.queues, TOTAL, BATCH);
        await waitFor('follow-ups under way', () => followupsUnderWay(db), 60_000, 20);
        await postgres.stop('immediate');
        await sleep(POSTGRES_OUTAGE_MS);
        await postgres.start();

        const after = await waitForFollowups(db, TOTAL, 120_000);
        expect(after).toEqual(control);
        // Jobs that met the outage waited for the database instead of spending their attempts.
        expect(await failedJobs(pipeline.queues)).toBe(0);
        const completed = await completedJobs(pipeline);
        expect(completed.waited).toBeGreaterThan(0);
        expect(completed.spentAnAttempt).toBe(0);
      },
    );
  });

  describe('Redis killed while follow-ups are queued, and restarted empty', () => {
    let redis: PrivateRedis;
    let database: TestDatabase;
    let pipeline: Pipeline;

    beforeAll(async () => {
      redis = await startPrivateRedis();
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await pipeline?.stop();
      await database?.drop();
      await redis?.cleanup();
    }, 60_000);

    it(
      'queues the lost follow-ups again from Postgres, with counts equal to the control',
      { timeout: 180_000 },
      async () => {
        const { db } = database;
        await seedCustomers(db, ACCOUNTS);
        pipeline = await startPipeline(db, {
          REDIS_URL: redis.url,
          QUEUE_PREFIX: testQueuePrefix(),
          ANALYZE_BATCH_SIZE: BATCH,
        });
        await storeMentions(db, pipeline.queues, TOTAL, BATCH);
        await waitFor('follow-ups under way', () => followupsUnderWay(db), 60_000, 20);
        await redis.kill();
        await redis.start();

        const after = await waitForFollowups(db, TOTAL, 120_000);
        expect(after).toEqual(control);
        expect(await failedJobs(pipeline.queues)).toBe(0);
      },
    );
  });
});
