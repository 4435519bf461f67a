import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { createApp } from '../../api/app.js';
import { createAnalysisPool } from '../../core/analysis/analysis-pool.js';
import { createApiKey } from '../../core/auth/api-keys.js';
import { testConfig, type Config } from '../../core/config/config.js';
import { loadDemo } from '../../core/demo/demo-loader.js';
import { createOutboundHttp } from '../../core/http/outbound.js';
import { createLogger } from '../../core/logger.js';
import { QUEUES } from '../../core/queue/jobs.js';
import { Queues, queueSettings } from '../../core/queue/queues.js';
import { SecretBox } from '../../core/security/secret-box.js';
import type { WorkerDeps } from '../../workers/job-handler.js';
import { startWorkers, type RunningWorkers } from '../../workers/runtime.js';
import { redisUrl } from './pg-url.js';
import { createTestDatabase, testQueuePrefix, waitFor, type TestDatabase } from './test-db.js';

export interface TestApp {
  baseUrl: string;
  adminKey: string;
  readerKey: string;
  config: Config;
  database: TestDatabase;
  deps: WorkerDeps;
  workers: RunningWorkers | null;
  /** Resolves when every stored mention has its analysis. */
  waitForAnalysis(timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

export const DASHBOARDS_DIST = path.resolve(import.meta.dirname, '../../dashboards/dist');

/**
 * The whole product in-process for a test: a cloned database, its own queue prefix, the API on
 * an ephemeral port, the workers (one analysis thread), and optionally the demo corpus.
 */
export async function startTestApp(
  opts: { demo?: boolean; workers?: boolean; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const home = await mkdtemp(path.join(os.tmpdir(), 'ecoute-test-'));
  const config = testConfig({
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: testQueuePrefix(),
    ECOUTE_HOME: home,
    ANALYZE_THREADS: 1,
    SWEEP_GRACE_S: 0,
    JOB_BACKOFF_MS: 200,
    OUTBOUND_ALLOW_HOSTS: ['127.0.0.1', 'localhost'],
    ...opts.config,
  });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const queues = new Queues(queueSettings(config));
  const secrets = await SecretBox.load(undefined, home);
  const deps: WorkerDeps = {
    config,
    db: database.db,
    queues,
    pool: createAnalysisPool(1),
    http: createOutboundHttp({
      timeoutMs: 5_000,
      maxBytes: config.HTTP_MAX_BYTES,
      allowHosts: config.OUTBOUND_ALLOW_HOSTS,
    }),
    secrets,
    logger,
  };
  const workers = opts.workers === false ? null : await startWorkers(deps);
  const app = createApp({
    config,
    db: database.db,
    queues,
    secrets,
    logger,
    dashboardsDir: DASHBOARDS_DIST,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const adminKey = (await createApiKey(database.db, 'test admin', 'admin')).key;
  const readerKey = (await createApiKey(database.db, 'test reader', 'reader')).key;

  const waitForAnalysis = (timeoutMs = 60_000) =>
    waitFor(
      'every mention to be analysed',
      async () => {
        const r = await database.db
          .selectFrom('mentions as m')
          .leftJoin('mention_analyses as a', 'a.mention_id', 'm.id')
          .select((eb) => [
            eb.fn.countAll<string>().as('total'),
            eb.fn.count<string>('a.mention_id').as('done'),
          ])
          .executeTakeFirstOrThrow();
        return Number(r.total) > 0 && r.total === r.done ? Number(r.total) : null;
      },
      timeoutMs,
      100,
    );

  if (opts.demo) {
    await loadDemo({
      db: database.db,
      queues,
      logger,
      analyzeBatchSize: config.ANALYZE_BATCH_SIZE,
    });
    await waitForAnalysis(120_000);
  }

  return {
    baseUrl,
    adminKey,
    readerKey,
    config,
    database,
    deps,
    workers,
    waitForAnalysis,
    async stop() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await workers?.close();
      for (const name of QUEUES)
        await queues.byName[name].obliterate({ force: true }).catch(() => undefined);
      await queues.close();
      await deps.pool.close();
      await database.drop();
    },
  };
}
