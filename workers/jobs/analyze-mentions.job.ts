import { analyzeMentions } from '../../core/analysis/analysis.service.js';
import type { JobHandler } from '../job-handler.js';

/** `mentions.analyze` {mentionIds}: enrich a batch of stored mentions (in worker threads). */
export const analyzeMentionsJob: JobHandler<'mentions.analyze'> = async (job, deps) =>
  analyzeMentions({ db: deps.db, pool: deps.pool }, job.data.mentionIds, job.data.reanalyze);
