import os from 'node:os';
import { Piscina } from 'piscina';
import type { AnalyzeTask, AnalyzeTaskResult } from './task.js';

export interface AnalysisPool {
  run(task: AnalyzeTask): Promise<AnalyzeTaskResult>;
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
  const filename = new URL('./analyze-thread.loader.js', import.meta.url).href;
  // Threads start with the first task: a process that never analyses never loads the models.
  let pool: Piscina<AnalyzeTask, AnalyzeTaskResult> | undefined;
  return {
    run(task) {
      pool ??= new Piscina<AnalyzeTask, AnalyzeTaskResult>({
        filename,
        minThreads: size,
        maxThreads: size,
        idleTimeout: 60_000,
      });
      return pool.run(task);
    },
    close: async () => {
      await pool?.destroy();
    },
  };
}
