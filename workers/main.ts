import { loadConfig } from '../core/config/config.js';
import { runBootChecks } from '../core/ops/boot-checks.js';
import { startWorkerOps } from '../core/ops/worker-ops.js';
import { buildWorkerDeps, closeWorkerDeps } from './build-deps.js';
import { startWorkers } from './runtime.js';

/** The worker process: wires dependencies, starts the queues' workers, drains on SIGTERM. */
export async function runWorkerProcess(): Promise<void> {
  const config = loadConfig();
  const deps = await buildWorkerDeps(config);
  await runBootChecks(config.REDIS_URL, deps.logger);
  const running = await startWorkers(deps);
  const metricsServer = await startWorkerOps(deps, running.workers);
  deps.logger.info({ pid: process.pid }, 'workers started');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'draining in-flight jobs');
    await running.close();
    metricsServer?.close();
    await closeWorkerDeps(deps);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runWorkerProcess();
}
