import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { JobName } from '../queue/jobs.js';
import type { Queues } from '../queue/queues.js';
import {
  deleteFinished,
  followupJobId,
  staleFollowups,
  startRounds,
  type FollowupStep,
  type StaleFollowup,
} from './followups.js';

export interface FollowupSweepOutcome {
  /** Batches with steps left after the grace period. */
  stale: number;
  /** Of those, batches whose jobs were gone (failed, lost with Redis): queued again. */
  requeued: number;
  /** Rows of finished batches deleted. */
  finished: number;
}

const STEP_JOB: Record<FollowupStep, JobName> = {
  risk: 'customers.risk',
  ideas: 'ideas.collect',
  conversations: 'conversations.update',
  drivers: 'drivers.assign',
};

/** Job states in which the job will still run on its own. */
const ALIVE = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Finishes what a lost queue or a spent job dropped: a batch whose follow-up steps are still
 * owed `graceSeconds` after it was last queued, and none of whose jobs of that round will run
 * any more (failed for good, or gone with a Redis restarted empty), is queued again in a new
 * round. A batch still waiting behind a burst keeps its jobs and is left alone.
 */
export async function sweepFollowups(
  deps: { db: Db; queues: Queues; logger: Logger },
  graceSeconds: number,
  limit = 500,
): Promise<FollowupSweepOutcome> {
  const finished = await deleteFinished(deps.db);
  const stale = await staleFollowups(deps.db, graceSeconds, limit);
  if (stale.length === 0) return { stale: 0, requeued: 0, finished };
  const alive = await Promise.all(stale.map((f) => roundAlive(deps.queues, f)));
  const lost = stale.filter((_, i) => !alive[i]).map((f) => f.id);
  const rounds = await startRounds(deps.db, lost);
  if (rounds.length > 0) {
    deps.logger.info({ batches: rounds.length }, 'sweeper re-enqueues unfinished follow-ups');
    await deps.queues.enqueueBulk(
      'mentions.analyzed',
      rounds.map((r) => {
        const followup = { id: r.id, round: r.round };
        return {
          data: { mentionIds: r.mentionIds, followup },
          opts: { jobId: followupJobId('after', r.mentionIds, followup), priority: 10 },
        };
      }),
    );
  }
  return { stale: stale.length, requeued: rounds.length, finished };
}

/** Is any job of the batch's current round still going to run (its `after` job or a step's)? */
async function roundAlive(queues: Queues, f: StaleFollowup): Promise<boolean> {
  const ref = { id: f.id, round: f.round };
  const jobs: [JobName, string][] = [
    ['mentions.analyzed', followupJobId('after', [], ref)],
    ...f.pending.map((s): [JobName, string] => [STEP_JOB[s], followupJobId(s, [], ref)]),
  ];
  const states = await Promise.all(jobs.map(([name, id]) => queues.queueOf(name).getJobState(id)));
  return states.some((s) => ALIVE.has(s));
}
