import { purgeExpiredMentions } from '../../core/privacy/retention.js';
import type { JobHandler } from '../job-handler.js';

/** `privacy.retention`: purge mentions older than their source's retention window (daily). */
export const retentionPurgeJob: JobHandler<'privacy.retention'> = async (_job, deps) => {
  const report = await purgeExpiredMentions(deps.db);
  const purged = report.sources.reduce((n, s) => n + s.purged, 0);
  if (purged > 0) deps.logger.info({ purged, sources: report.sources.length }, 'retention purge');
  return report;
};
