import { spawn, type ChildProcess } from 'node:child_process';
import type { CliCommand } from '../command.js';
import { openServices } from '../context.js';
import { entryNodeArgs, type EntryPoint } from '../entry-points.js';
import { ensureAdminKey, loadDemoIfEmpty } from '../prepare.js';

/** Runs an entry point in a Node process of its own. */
function spawnEntry(entry: EntryPoint, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, entryNodeArgs(entry), {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export const command: CliCommand = {
  usage: `Usage: ecoute start

Creates and migrates the database, creates a first admin API key if there is none (printed once),
starts the API (PORT, default 3000) and the workers as two processes, and — on an empty database,
unless ECOUTE_DEMO=0 — feeds the bundled demo corpus through the pipeline. SIGTERM or Ctrl-C
stops both processes gracefully.`,
  async run(_args, io) {
    const services = await openServices(io.env, { queues: true, migrate: true });
    const login = await ensureAdminKey(services);
    const env = { ...io.env, DOTENV_CONFIG_QUIET: 'true' };
    const children = [spawnEntry('workers', env), spawnEntry('api', env)];
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      for (const c of children) c.kill(signal);
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));

    await loadDemoIfEmpty(services, io);
    await services.close();
    io.stderr.write(`\nÉcoute is starting.\n${login}\n`);

    const codes = await Promise.all(
      children.map(
        (c) =>
          new Promise<number>((resolve) =>
            c.on('exit', (code) => {
              // One process dying takes the other down: a half-running pipeline is worse than none.
              stop('SIGTERM');
              resolve(code ?? 1);
            }),
          ),
      ),
    );
    return Math.max(...codes);
  },
};
