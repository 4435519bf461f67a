import { parseCliArgs } from '../args.js';
import type { CliCommand } from '../command.js';
import { openServices } from '../context.js';
import { runEntry } from '../entry-points.js';
import { ensureAdminKey, loadDemoIfEmpty } from '../prepare.js';

export const command: CliCommand = {
  usage: `Usage: ecoute serve [--with-demo]

Migrates the database, creates a first admin key if there is none, then serves the API and the
dashboards on PORT. With --with-demo, an empty database receives the demo corpus (analysed by
the workers, which run apart: ecoute worker).`,
  async run(args, io) {
    const { values } = parseCliArgs(args, { 'with-demo': { type: 'boolean', default: false } });
    const services = await openServices(io.env, { queues: true, migrate: true });
    const login = await ensureAdminKey(services);
    if (values['with-demo']) await loadDemoIfEmpty(services, io);
    await services.close();
    io.stderr.write(login);
    await runEntry('api');
    return new Promise<number>(() => undefined);
  },
};
