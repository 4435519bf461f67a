import type { Config } from '../core/config/config.js';
import type { Db } from '../core/db/database.js';
import type { Logger } from '../core/logger.js';
import type { Queues } from '../core/queue/queues.js';
import type { SecretBox } from '../core/security/secret-box.js';

/** Everything the HTTP app needs, built by the entry point (or a test) and passed in. */
export interface AppDeps {
  config: Config;
  db: Db;
  queues: Queues;
  secrets: SecretBox;
  logger: Logger;
  /** Built dashboards to serve at /; omitted in API-only tests. */
  dashboardsDir?: string;
}
