import { JOB_NAMES, type JobName } from '../core/queue/jobs.js';
import type { JobHandlers } from './job-handler.js';
import { analyzeMentionsJob } from './jobs/analyze-mentions.job.js';
import { pollSourceJob } from './jobs/poll-source.job.js';
import { sweepJob } from './jobs/sweep.job.js';

/** Every job name has exactly one handler: the type says so, and `checkHandlers` at boot. */
export const HANDLERS: JobHandlers = {
  'source.poll': pollSourceJob,
  'mentions.analyze': analyzeMentionsJob,
  'mentions.sweep': sweepJob,
};

export function checkHandlers(handlers: Record<string, unknown> = HANDLERS): void {
  const missing = JOB_NAMES.filter((n) => typeof handlers[n] !== 'function');
  const unknown = Object.keys(handlers).filter((n) => !JOB_NAMES.includes(n as JobName));
  if (missing.length || unknown.length) {
    throw new Error(
      `job handlers out of step with the registry: missing ${missing.join(', ') || 'none'}; ` +
        `unknown ${unknown.join(', ') || 'none'}`,
    );
  }
}
