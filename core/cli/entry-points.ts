import { COMPILED, codePath } from '../paths.js';

export type EntryPoint = 'api' | 'workers';

/**
 * The process entry points, loaded by path: the CLI wires processes together but core/ never
 * imports api/ or workers/ statically.
 */
export async function runEntry(entry: EntryPoint): Promise<void> {
  const file = codePath(`${entry}/main`);
  const mod = (await import(file)) as {
    runApiProcess?: () => Promise<void>;
    runWorkerProcess?: () => Promise<void>;
  };
  const run = entry === 'api' ? mod.runApiProcess : mod.runWorkerProcess;
  if (!run) throw new Error(`${file} does not export its run function`);
  await run();
}

/**
 * The `node` arguments that run an entry point in a process of its own: the compiled file, or,
 * from the sources (development and tests), the TypeScript file through tsx's loader.
 */
export function entryNodeArgs(entry: EntryPoint): string[] {
  const file = codePath(`${entry}/main`);
  return COMPILED ? [file] : ['--import', 'tsx', file];
}
