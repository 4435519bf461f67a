import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The process entry points, loaded by path: the CLI wires processes together but core/ never
 * imports api/ or workers/ statically.
 */
export async function runEntry(entry: 'api' | 'workers'): Promise<void> {
  const file = path.join(ROOT, entry, 'main.ts');
  const mod = (await import(file)) as {
    runApiProcess?: () => Promise<void>;
    runWorkerProcess?: () => Promise<void>;
  };
  const run = entry === 'api' ? mod.runApiProcess : mod.runWorkerProcess;
  if (!run) throw new Error(`${file} does not export its run function`);
  await run();
}
