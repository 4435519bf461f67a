import type { Readable, Writable } from 'node:stream';

/** Where a command reads and writes: the process's streams, or buffers in tests. */
export interface CliIo {
  stdin: Readable;
  /** Data only (JSON Lines, TSV, tables a user asked for). */
  stdout: Writable;
  /** Progress, logs, warnings and errors. */
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

/**
 * One `ecoute <name>` command per file in core/cli/commands/, exporting `command`, and listed
 * with its summary in core/cli/commands.ts. `run` returns the exit code: 0 success, 1 failure,
 * 2 usage error.
 */
export interface CliCommand {
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** A usage error: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
