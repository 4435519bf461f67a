import type { Server } from 'node:http';
import { loadConfig } from '../core/config/config.js';
import { runBootChecks } from '../core/ops/boot-checks.js';
import { startWorkerOps } from '../core/ops/worker-ops.js';
import { buildWorkerDeps, closeWorkerDeps } from './build-deps.js';
import { startWorkers } from './runtime.js';

/**
 * The worker process: wires dependencies, starts the queues' workers, drains on SIGTERM (within
 * SHUTDOWN_TIMEOUT_MS, after which jobs still running are handed back to the queue).
 */
export async function runWorkerProcess(): Promise<void> {
  const config = loadConfig();
  const deps = await buildWorkerDeps(config);
  await runBootChecks(config.REDIS_URL, deps.logger);
  // Workers take jobs as soon as they exist, before start-up is over (schedules, metrics): the
  // signal handlers are in place first, so a SIGTERM at any point drains what is in flight.
  const starting = startWorkers(deps);
  let metricsServer: Server | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'draining in-flight jobs');
    const running = await starting;
    const { timedOut } = await running.close(config.SHUTDOWN_TIMEOUT_MS);
    metricsServer?.close();
    // Jobs still running may hold connections mid-statement: closing would wait for them, and
    // the exit cuts them anyway (their transactions roll back).
    if (!timedOut) await closeWorkerDeps(deps);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  const running = await starting;
  metricsServer = await startWorkerOps(deps, running.workers);
  deps.logger.info({ pid: process.pid }, 'workers started');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runWorkerProcess();
}
