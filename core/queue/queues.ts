import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/config.js';
import { bullConnection, createRedis } from './redis.js';
import { JOB_QUEUE, QUEUES, type JobName, type JobPayloads, type QueueName } from './jobs.js';

export interface EnqueueOptions {
  /** Deterministic id: a second enqueue with the same id while the job exists is a no-op. */
  jobId?: string;
  delayMs?: number;
  priority?: number;
}

export interface QueueSettings {
  redisUrl: string;
  prefix: string;
  attempts: number;
  backoffMs: number;
  keepCompleted: number;
  keepFailed: number;
}

export function queueSettings(
  config: Config,
  overrides: Partial<QueueSettings> = {},
): QueueSettings {
  return {
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    attempts: config.JOB_ATTEMPTS,
    backoffMs: config.JOB_BACKOFF_MS,
    keepCompleted: config.JOB_KEEP_COMPLETED,
    keepFailed: config.JOB_KEEP_FAILED,
    ...overrides,
  };
}

/**
 * Typed producers for every queue. `enqueue` and `enqueueBulk` only accept a payload that matches
 * the job's name, and apply the default attempts, backoff and retention.
 */
export class Queues {
  readonly byName: Readonly<Record<QueueName, Queue>>;
  private readonly defaults: JobsOptions;
  /** A separate fail-fast connection for health checks, so a ping never waits in a queue. */
  private readonly pingClient: Redis;

  constructor(readonly settings: QueueSettings) {
    this.defaults = {
      attempts: settings.attempts,
      // Jitter: jobs that failed together (a platform outage) retry spread over the second
      // half of each backoff window instead of all at once.
      backoff: { type: 'exponential', delay: settings.backoffMs, jitter: 0.5 },
      removeOnComplete: { count: settings.keepCompleted },
      removeOnFail: { count: settings.keepFailed },
    };
    const byName = {} as Record<QueueName, Queue>;
    for (const name of QUEUES) {
      byName[name] = new Queue(name, {
        connection: bullConnection(settings.redisUrl, 'producer'),
        prefix: settings.prefix,
        defaultJobOptions: this.defaults,
      });
      // Connection errors surface through ping/readiness and the failing calls themselves; an
      // unobserved 'error' event would print them or crash the process.
      byName[name].on('error', () => undefined);
    }
    this.byName = byName;
    this.pingClient = createRedis(settings.redisUrl, 'producer');
  }

  queueOf(job: JobName): Queue {
    return this.byName[JOB_QUEUE[job]];
  }

  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], opts: EnqueueOptions = {}) {
    return this.queueOf(name).add(name, data, toJobOptions(opts));
  }

  /** One round trip for many jobs of one kind (never a loop of `add`). */
  async enqueueBulk<N extends JobName>(
    name: N,
    jobs: { data: JobPayloads[N]; opts?: EnqueueOptions }[],
  ) {
    if (jobs.length === 0) return [];
    return this.queueOf(name).addBulk(
      jobs.map((j) => ({ name, data: j.data, opts: toJobOptions(j.opts ?? {}) })),
    );
  }

  /** Redis reachable and answering? Used by readiness and the webhook. */
  async ping(timeoutMs = 1_000): Promise<boolean> {
    try {
      return (await withTimeout(this.pingClient.ping(), timeoutMs)) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.byName).map((q) => q.close()));
    this.pingClient.disconnect();
  }
}

function toJobOptions(opts: EnqueueOptions): JobsOptions {
  return {
    ...(opts.jobId ? { jobId: opts.jobId } : {}),
    ...(opts.delayMs ? { delay: opts.delayMs } : {}),
    ...(opts.priority ? { priority: opts.priority } : {}),
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
