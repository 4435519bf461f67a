import { loadConfig } from '../core/config/config.js';
import { buildWorkerDeps, closeWorkerDeps } from './build-deps.js';
import { startWorkers } from './runtime.js';

/** The worker process: wires dependencies, starts the queues' workers, drains on SIGTERM. */
export async function runWorkerProcess(): Promise<void> {
  const config = loadConfig();
  const deps = await buildWorkerDeps(config);
  const running = await startWorkers(deps);
  deps.logger.info({ pid: process.pid }, 'workers started');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'draining in-flight jobs');
    await running.close();
    await closeWorkerDeps(deps);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runWorkerProcess();
}
