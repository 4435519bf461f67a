import os from 'node:os';
import { Piscina } from 'piscina';
import type { AnalyzeTask, AnalyzeTaskResult } from './task.js';

export interface AnalysisPool {
  run(task: AnalyzeTask): Promise<AnalyzeTaskResult>;
  close(): Promise<void>;
}

/**
 * Worker threads for classification, so the event loop that renews BullMQ job locks is never
 * blocked by NLP. `threads` 0 means one per core, less the one the event loop needs.
 */
export function createAnalysisPool(threads = 0): AnalysisPool {
  const size = threads > 0 ? threads : Math.max(1, os.availableParallelism() - 1);
  const filename = new URL('./analyze-thread.ts', import.meta.url).href;
  // Threads start with the first task: a process that never analyses never loads the models.
  let pool: Piscina<AnalyzeTask, AnalyzeTaskResult> | undefined;
  return {
    run(task) {
      pool ??= new Piscina<AnalyzeTask, AnalyzeTaskResult>({
        filename,
        minThreads: size,
        maxThreads: size,
        // The sources are TypeScript: each thread loads them through the same tsx loader.
        execArgv: ['--import', 'tsx'],
        idleTimeout: 60_000,
      });
      return pool.run(task);
    },
    close: async () => {
      await pool?.destroy();
    },
  };
}
