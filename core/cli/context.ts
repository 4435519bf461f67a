import { loadConfig, type Config } from '../config/config.js';
import { createDb, type Db } from '../db/database.js';
import { ensureDatabase, migrateToLatest } from '../db/migrate.js';
import { createLogger, type Logger } from '../logger.js';
import { Queues, queueSettings } from '../queue/queues.js';

export interface Services {
  config: Config;
  db: Db;
  logger: Logger;
  queues: Queues | null;
  close(): Promise<void>;
}

/** Opens what a command needs, from the environment; `queues` only when asked for. */
export async function openServices(
  env: NodeJS.ProcessEnv,
  opts: { queues?: boolean; migrate?: boolean } = {},
): Promise<Services> {
  const config = loadConfig(env);
  const logger = createLogger(config.LOG_LEVEL, 'ecoute');
  if (opts.migrate) await ensureDatabase(config.DATABASE_URL);
  const db = createDb({ url: config.DATABASE_URL, max: 4, applicationName: 'ecoute-cli' });
  if (opts.migrate) await migrateToLatest(db);
  const queues = opts.queues ? new Queues(queueSettings(config)) : null;
  return {
    config,
    db,
    logger,
    queues,
    async close() {
      await queues?.close();
      await db.destroy();
    },
  };
}
