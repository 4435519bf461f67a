import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `node` arguments that run the `ecoute` CLI from the TypeScript sources, from any folder. */
export const CLI_FROM_SOURCES = [path.join(ROOT, 'test/support/cli-from-sources.mjs')];

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
