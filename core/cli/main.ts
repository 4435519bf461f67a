import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, type CliCommand, type CliIo } from './command.js';

const COMMANDS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'commands');

async function listCommands(): Promise<CliCommand[]> {
  const files = (await readdir(COMMANDS_DIR)).filter((f) => f.endsWith('.ts')).sort();
  const commands: CliCommand[] = [];
  for (const file of files) {
    const mod = (await import(path.join(COMMANDS_DIR, file))) as { command?: CliCommand };
    if (mod.command) commands.push(mod.command);
  }
  return commands;
}

async function loadCommand(name: string): Promise<CliCommand | undefined> {
  if (!/^[a-z][a-z-]*$/.test(name)) return undefined;
  try {
    const mod = (await import(path.join(COMMANDS_DIR, `${name}.ts`))) as { command?: CliCommand };
    return mod.command;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

async function printHelp(io: CliIo): Promise<void> {
  const commands = await listCommands();
  const width = Math.max(...commands.map((c) => c.name.length));
  io.stdout.write('Usage: ecoute <command> [options]\n\nCommands:\n');
  for (const c of commands) io.stdout.write(`  ${c.name.padEnd(width)}  ${c.summary}\n`);
  io.stdout.write('\nRun `ecoute <command> --help` for the options of one command.\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await printHelp(io);
    return name ? 0 : 2;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.stderr.write(`ecoute: unknown command "${name}". Run \`ecoute --help\` for the list.\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${command.usage.trim()}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`ecoute ${name}: ${err.message}\n\n${command.usage.trim()}\n`);
      return 2;
    }
    io.stderr.write(`ecoute ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

export async function main(argv: string[]): Promise<void> {
  const code = await runCli(argv, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
  // Long-running commands (start, worker) never return here; the others exit with their code.
  process.exitCode = code;
}
