import type { Job } from 'bullmq';
import type { AnalysisPool } from '../core/analysis/analysis-pool.js';
import type { AxiosInstance } from 'axios';
import type { Config } from '../core/config/config.js';
import type { Db } from '../core/db/database.js';
import type { Logger } from '../core/logger.js';
import type { JobName, JobPayloads } from '../core/queue/jobs.js';
import type { Queues } from '../core/queue/queues.js';
import type { SecretBox } from '../core/security/secret-box.js';

/** What job handlers may use; built once per worker process. */
export interface WorkerDeps {
  config: Config;
  db: Db;
  queues: Queues;
  pool: AnalysisPool;
  http: AxiosInstance;
  secrets: SecretBox;
  logger: Logger;
}

/** A thin handler: unpack the payload, call a core service, return a small summary. */
export type JobHandler<N extends JobName> = (
  job: Job<JobPayloads[N], unknown, N>,
  deps: WorkerDeps,
  token?: string,
) => Promise<unknown>;

export type JobHandlers = { [N in JobName]: JobHandler<N> };
