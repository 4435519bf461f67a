import { createAnalysisPool } from '../core/analysis/analysis-pool.js';
import type { Config } from '../core/config/config.js';
import { createDb, type DbOptions } from '../core/db/database.js';
import { createOutboundHttp } from '../core/http/outbound.js';
import { createLogger } from '../core/logger.js';
import { Queues, queueSettings } from '../core/queue/queues.js';
import { SecretBox } from '../core/security/secret-box.js';
import type { WorkerDeps } from './job-handler.js';

/** How a worker process connects to Postgres (also used by bench:ingest, to measure the same). */
export function workerDbOptions(config: Config): DbOptions {
  return {
    url: config.DATABASE_URL,
    applicationName: 'ecoute-worker',
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    jit: false,
  };
}

export async function buildWorkerDeps(config: Config): Promise<WorkerDeps> {
  return {
    config,
    db: createDb(workerDbOptions(config)),
    queues: new Queues(queueSettings(config)),
    pool: createAnalysisPool(config.ANALYZE_THREADS),
    http: createOutboundHttp({
      timeoutMs: config.HTTP_TIMEOUT_MS,
      maxBytes: config.HTTP_MAX_BYTES,
      allowHosts: config.OUTBOUND_ALLOW_HOSTS,
    }),
    secrets: await SecretBox.load(config.ECOUTE_SECRET_KEY, config.ECOUTE_HOME),
    logger: createLogger(config.LOG_LEVEL, 'ecoute-worker'),
  };
}

/** Shutdown in order: stop taking jobs (in-flight ones finish), then queues, threads, database. */
export async function closeWorkerDeps(deps: WorkerDeps): Promise<void> {
  await deps.queues.close();
  await deps.pool.close();
  await deps.db.destroy();
}
