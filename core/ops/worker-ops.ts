import type { Server } from 'node:http';
import type { Worker } from 'bullmq';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { mayScrapeMetrics } from './metrics-auth.js';
import { createWorkerMetrics } from './metrics.js';
import { observeWorker, serveMetrics } from './worker-metrics.js';

/**
 * A worker process's operations: job metrics for every worker it runs, served on METRICS_PORT
 * (same credentials as the API's /metrics) when that port is set. Returns the server to close.
 */
export async function startWorkerOps(
  deps: { config: Config; db: Db; logger: Logger },
  workers: Worker[],
): Promise<Server | null> {
  const metrics = createWorkerMetrics();
  for (const w of workers) observeWorker(w, metrics);
  if (!deps.config.METRICS_PORT) return null;
  const server = await serveMetrics(
    metrics.registry,
    deps.config.METRICS_PORT,
    deps.config.HOST,
    (auth) => mayScrapeMetrics(deps.db, auth, deps.config.METRICS_TOKEN),
  );
  deps.logger.info({ port: deps.config.METRICS_PORT }, 'worker metrics listening');
  return server;
}
