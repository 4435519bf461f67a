import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** tsx's loader by its file URL, so that a process started in another folder finds it. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** `node` arguments that run the `ecoute` CLI from the TypeScript sources, from any folder. */
export const CLI_FROM_SOURCES = ['--import', TSX, path.join(ROOT, 'core/cli/bin.ts')];

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `ecoute ARGS` in a real process, as a user would, from the TypeScript sources (so a test
 * sees the code it tests without a build; test/release/ runs the compiled build).
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
  stdin?: string,
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI_FROM_SOURCES, ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
