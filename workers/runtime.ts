import os from 'node:os';
import { CREDENTIAL_CHECK_EVERY_MS } from '../core/sources/credentials/credential-check.js';
import { Worker, type Job } from 'bullmq';
import { listSources } from '../core/sources/source.repository.js';
import { syncEmergingSchedules } from '../core/drivers/emerging/emerging-schedule.js';
import { syncInfluenceSchedules } from '../core/influence/influence-schedule.js';
import { scheduleRetention } from '../core/privacy/retention.js';
import { syncAllSchedules } from '../core/sources/source-schedule.js';
import { listTopics } from '../core/topics/topic.service.js';
import { QUEUES, type JobName, type QueueName } from '../core/queue/jobs.js';
import { bullConnection } from '../core/queue/redis.js';
import { waitForDatabase } from './database-wait.js';
import { checkHandlers, HANDLERS } from './handlers.js';
import type { JobHandler, WorkerDeps } from './job-handler.js';

export interface RunningWorkers {
  workers: Worker[];
  /**
   * Stops taking jobs and waits for the ones in flight, at most `timeoutMs`: past it, those still
   * running are released (moved back to waiting, no attempt spent) for another worker to take, and
   * the connections are left for the process's exit to cut. Says whether the bound was reached
   * and how many jobs were released.
   */
  close(timeoutMs?: number): Promise<{ timedOut: boolean; released: number }>;
}

export const SWEEP_SCHEDULER_ID = 'sweep-unanalysed';

/**
 * Starts one BullMQ worker per queue in this process, each dispatching jobs by name to their
 * handler, and (re)creates the periodic schedulers from Postgres.
 */
export async function startWorkers(
  deps: WorkerDeps,
  opts: { schedule?: boolean; queues?: readonly QueueName[] } = {},
): Promise<RunningWorkers> {
  checkHandlers();
  const concurrency: Record<QueueName, number> = {
    poll: deps.config.WORKER_CONCURRENCY,
    // Enough jobs in flight to keep every analysis thread busy while others do I/O.
    analyze: deps.config.WORKER_CONCURRENCY,
    inbox: 1,
    maintenance: 1,
  };
  // Jobs running now, with the lock token that lets this process release them on a timed-out drain.
  const inFlight = new Map<Job, string>();
  const waitDeps = { db: deps.db, logger: deps.logger, backoffMs: deps.config.JOB_BACKOFF_MS };
  const workers = (opts.queues ?? QUEUES).map(
    (queue) =>
      new Worker(
        queue,
        async (job: Job, token?: string) => {
          const handler = HANDLERS[job.name as JobName] as JobHandler<JobName> | undefined;
          if (!handler) throw new Error(`no handler for job ${job.name} on queue ${queue}`);
          if (token) inFlight.set(job, token);
          try {
            return await handler(job as never, deps, token);
          } catch (err) {
            throw await waitForDatabase(err, job, token, waitDeps);
          } finally {
            inFlight.delete(job);
          }
        },
        {
          connection: bullConnection(deps.config.REDIS_URL, 'worker'),
          prefix: deps.queues.settings.prefix,
          concurrency: concurrency[queue],
          // Analysis runs in threads, so the event loop renews the lock on time.
          lockDuration: deps.config.JOB_LOCK_MS,
          stalledInterval: Math.max(500, Math.floor(deps.config.JOB_LOCK_MS / 2)),
          name: `${os.hostname()}-${process.pid}`,
        },
      ),
  );
  for (const w of workers) {
    w.on('failed', (job, err) =>
      deps.logger.warn(
        {
          queue: w.name,
          job: job?.name,
          jobId: job?.id,
          attempts: job?.attemptsMade,
          err: err.message,
        },
        'job failed',
      ),
    );
    w.on('error', (err) => deps.logger.error({ queue: w.name, err: err.message }, 'worker error'));
  }
  if (opts.schedule !== false) {
    // Redis down at start: the workers wait for it on their own; the schedules are created by
    // the watch below once it answers, instead of the process dying here.
    await scheduleAll(deps).catch((err: unknown) =>
      deps.logger.warn({ err: (err as Error).message }, 'schedules not created yet; retrying'),
    );
  }
  // A Redis restarted without persistence (or flushed) loses the schedulers with the jobs: check
  // for them every sweep interval and re-create them, so the sweeper finds what was lost.
  const watch =
    opts.schedule === false
      ? null
      : setInterval(() => void rescheduleIfLost(deps), deps.config.SWEEP_INTERVAL_S * 1000);
  return {
    workers,
    async close(timeoutMs = Infinity) {
      if (watch) clearInterval(watch);
      const drained = Promise.all(workers.map((w) => w.close()));
      if (await settlesWithin(drained, timeoutMs)) return { timedOut: false, released: 0 };
      return { timedOut: true, released: await release(inFlight, deps) };
    },
  };
}

/** Did `p` settle within `ms`? (Infinity: wait for it.) */
async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  if (!Number.isFinite(ms)) return p.then(() => true);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([p.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Hands jobs still running back to the queue: each moves to waiting (no attempt spent) and its lock
 * is dropped, so another worker takes it at once instead of after the lock expires. Whatever this
 * process still writes for them is rolled back with its connections; every job is idempotent.
 */
async function release(inFlight: Map<Job, string>, deps: WorkerDeps): Promise<number> {
  const jobs = [...inFlight];
  const moved = await Promise.all(
    jobs.map(([job, token]) =>
      job.moveToWait(token).then(
        () => true,
        () => false,
      ),
    ),
  );
  deps.logger.warn(
    { released: moved.filter(Boolean).length, jobs: jobs.map(([j]) => j.id) },
    'drain timed out: in-flight jobs released for another worker',
  );
  return moved.filter(Boolean).length;
}

/** How long an unassigned conversation can wait for a drain that nothing else triggered. */
const CONVERSATION_DRAIN_EVERY_MS = 5 * 60_000;

/**
 * Every job scheduler, rebuilt from Postgres. The sweep's is created last: it is the sentinel
 * `rescheduleIfLost` looks for, so a run that failed half-way (Postgres not migrated yet, Redis
 * gone mid-way) is retried whole on the next tick.
 */
async function scheduleAll(deps: WorkerDeps): Promise<void> {
  await syncAllSchedules(deps.queues, await listSources(deps.db));
  const topics = await listTopics(deps.db);
  await syncInfluenceSchedules(deps.queues, topics);
  await syncEmergingSchedules(deps.queues, topics);
  await scheduleRetention(deps.queues);
  // Churn signals decay with time even when nothing new is said: scores are refreshed (and
  // stuck alert deliveries re-queued) four times a day.
  await deps.queues
    .queueOf('customers.rescore')
    .upsertJobScheduler(
      'customers-rescore',
      { every: 6 * 3_600_000 },
      { name: 'customers.rescore', data: {} },
    );
  await deps.queues
    .queueOf('conversations.drain')
    .upsertJobScheduler(
      'conversations-drain',
      { every: CONVERSATION_DRAIN_EVERY_MS },
      { name: 'conversations.drain', data: {} },
    );
  await deps.queues
    .queueOf('credentials.check')
    .upsertJobScheduler(
      'credentials-check',
      { every: CREDENTIAL_CHECK_EVERY_MS },
      { name: 'credentials.check', data: {} },
    );
  await deps.queues
    .queueOf('mentions.sweep')
    .upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: deps.config.SWEEP_INTERVAL_S * 1000 },
      { name: 'mentions.sweep', data: {} },
    );
}

async function rescheduleIfLost(deps: WorkerDeps): Promise<void> {
  try {
    if (await deps.queues.queueOf('mentions.sweep').getJobScheduler(SWEEP_SCHEDULER_ID)) return;
    deps.logger.warn('job schedulers are gone (Redis lost its data?): re-creating them');
    await scheduleAll(deps);
  } catch {
    // Redis (or Postgres) still down: the next tick tries again.
  }
}
