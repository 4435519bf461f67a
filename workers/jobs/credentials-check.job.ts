import { checkCredentials } from '../../core/sources/credentials/credential-check.js';
import type { JobHandler } from '../job-handler.js';

/**
 * `credentials.check` {} (every 15 minutes): verify, renew ahead of need, alert on credentials
 * about to fail. Idempotent: a second run finds the tokens fresh and the statuses unchanged.
 */
export const credentialsCheckJob: JobHandler<'credentials.check'> = async (_job, deps) =>
  checkCredentials({
    db: deps.db,
    http: deps.http,
    secrets: deps.secrets,
    queues: deps.queues,
    timeoutMs: deps.config.REPLY_TIMEOUT_MS,
  });
