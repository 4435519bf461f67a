import { loadConfig } from '../core/config/config.js';
import { createDb } from '../core/db/database.js';
import { createLogger } from '../core/logger.js';
import { runBootChecks } from '../core/ops/boot-checks.js';
import { projectPath } from '../core/paths.js';
import { Queues, queueSettings } from '../core/queue/queues.js';
import { SecretBox } from '../core/security/secret-box.js';
import { createApp } from './app.js';

const DASHBOARDS_DIR = projectPath('dashboards/dist');

/** The API process: wires dependencies, listens, closes in order on SIGTERM. */
export async function runApiProcess(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'ecoute-api');
  await runBootChecks(config.REDIS_URL, logger);
  const db = createDb({
    url: config.DATABASE_URL,
    applicationName: 'ecoute-api',
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  });
  const queues = new Queues(queueSettings(config));
  const secrets = await SecretBox.load(config.ECOUTE_SECRET_KEY, config.ECOUTE_HOME);
  const app = createApp({ config, db, queues, secrets, logger, dashboardsDir: DASHBOARDS_DIR });
  const server = app.listen(config.PORT, config.HOST, () =>
    logger.info({ port: config.PORT }, 'API listening'),
  );
  const stop = (signal: string) => {
    logger.info({ signal }, 'API stopping');
    server.close(async () => {
      await queues.close();
      await db.destroy();
      process.exit(0);
    });
    // Keep-alive connections would hold close() open: give them 5 s.
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runApiProcess();
}
