import { loadConfig } from '../../config/config.js';
import { createDb } from '../../db/database.js';
import { ensureDatabase, migrateToLatest } from '../../db/migrate.js';
import type { CliCommand } from '../command.js';

export const command: CliCommand = {
  usage: `Usage: ecoute migrate

Creates the database named in DATABASE_URL if it does not exist, then applies every migration of
sql/ not yet applied, in order, each in its own transaction.`,
  async run(_args, io) {
    const config = loadConfig(io.env);
    if (await ensureDatabase(config.DATABASE_URL)) io.stderr.write('created the database\n');
    const db = createDb({ url: config.DATABASE_URL, max: 1 });
    try {
      const result = await migrateToLatest(db);
      const applied = (result.results ?? []).filter((r) => r.status === 'Success');
      for (const r of applied) io.stderr.write(`applied ${r.migrationName}\n`);
      io.stderr.write(applied.length ? 'database is up to date\n' : 'nothing to apply\n');
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
