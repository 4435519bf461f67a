import { UsageError, type CliCommand, type CliIo } from './command.js';
import { COMMANDS } from './commands.js';

async function loadCommand(name: string): Promise<CliCommand | undefined> {
  const entry = COMMANDS.find((c) => c.name === name);
  return entry ? (await entry.load()).command : undefined;
}

function printHelp(io: CliIo): void {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  io.stdout.write('Usage: ecoute <command> [options]\n\nCommands:\n');
  for (const c of COMMANDS) io.stdout.write(`  ${c.name.padEnd(width)}  ${c.summary}\n`);
  io.stdout.write('\nRun `ecoute <command> --help` for the options of one command.\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp(io);
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
