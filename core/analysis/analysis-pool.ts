import os from 'node:os';
import { Piscina } from 'piscina';
import type { DriverTask, DriverTaskResult } from '../drivers/driver-task.js';
import { COMPILED } from '../paths.js';
import type { AnalyzeTask, AnalyzeTaskResult } from './task.js';

export interface AnalysisPool {
  run(task: AnalyzeTask): Promise<AnalyzeTaskResult>;
  /** The drivers of a batch of dissatisfied mentions (core/drivers/driver-task.ts). */
  classifyDrivers(task: DriverTask): Promise<DriverTaskResult>;
  close(): Promise<void>;
}

/**
 * Worker threads for classification, so the event loop that renews BullMQ job locks is never
 * blocked by NLP. `threads` 0 means one per core: the event loop mostly waits on Postgres, so a
 * thread per core keeps every core busy (measured on 2 cores: 1 thread left one core idle while
 * the other analysed).
 */
export function createAnalysisPool(threads = 0): AnalysisPool {
  const size = threads > 0 ? threads : os.availableParallelism();
  // A thread does not inherit the process's TypeScript loader: from the sources, a small
  // JavaScript file loads the thread's module through tsx; compiled, the thread runs it directly.
  const thread = COMPILED ? './analyze-thread.js' : './analyze-thread.loader.js';
  const filename = new URL(thread, import.meta.url).href;
  // Threads start with the first task: a process that never analyses never loads the models.
  let pool: Piscina | undefined;
  const started = () =>
    (pool ??= new Piscina({ filename, minThreads: size, maxThreads: size, idleTimeout: 60_000 }));
  return {
    run: (task) => started().run(task) as Promise<AnalyzeTaskResult>,
    classifyDrivers: (task) =>
      started().run(task, { name: 'classifyDrivers' }) as Promise<DriverTaskResult>,
    close: async () => {
      await pool?.destroy();
    },
  };
}
