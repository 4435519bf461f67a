import { createAnalysisEngine, modelsSignature, type AnalysisEngine } from './analysis-engine.js';
import { runDriverTask, type DriverTask, type DriverTaskResult } from '../drivers/driver-task.js';
import type { AnalyzeTask, AnalyzeTaskResult } from './task.js';

// Runs inside a worker thread: models load once per thread, and again when the local models
// folder changes (a retrained model), checked before each batch (a few stat calls).
let engine: Promise<AnalysisEngine> | undefined;
let loadedSignature: string | undefined;

export default async function analyze(task: AnalyzeTask): Promise<AnalyzeTaskResult> {
  const signature = `${task.modelsDir ?? ''}#${modelsSignature(task.modelsDir)}`;
  if (!engine || signature !== loadedSignature) {
    engine = createAnalysisEngine(task.modelsDir);
    loadedSignature = signature;
  }
  return (await engine).run(task);
}

export function classifyDrivers(task: DriverTask): DriverTaskResult {
  return runDriverTask(task);
}
