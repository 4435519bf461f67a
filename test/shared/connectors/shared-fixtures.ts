import { existsSync } from 'node:fs';
import path from 'node:path';

/** The recorded payloads beside the repository (see vitest.config.ts); never copied into it. */
export function sharedFixture(...parts: string[]): string {
  const dir = process.env.ECOUTE_SHARED_DIR;
  if (!dir) throw new Error('ECOUTE_SHARED_DIR is not set: run these suites through vitest');
  const file = path.join(dir, 'fixtures', ...parts);
  if (!existsSync(file)) throw new Error(`recorded fixture missing: ${file}`);
  return file;
}
