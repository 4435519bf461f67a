import { createAnalysisEngine, type AnalysisEngine } from './analysis-engine.js';
import type { AnalyzeTask, AnalyzeTaskResult } from './task.js';

// Runs inside a worker thread: models load once per thread, on the first task.
let engine: Promise<AnalysisEngine> | undefined;

export default async function analyze(task: AnalyzeTask): Promise<AnalyzeTaskResult> {
  engine ??= createAnalysisEngine();
  return (await engine).run(task);
}
