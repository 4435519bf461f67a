import type { CliCommand } from '../command.js';
import { runEntry } from '../entry-points.js';

export const command: CliCommand = {
  usage: `Usage: ecoute worker

Runs the BullMQ workers of every queue against DATABASE_URL and REDIS_URL until SIGTERM, which
drains the jobs in flight. Start as many as you like, on as many machines: they share the work.`,
  async run() {
    await runEntry('workers');
    return new Promise<number>(() => undefined);
  },
};
