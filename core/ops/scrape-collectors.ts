import { sql } from 'kysely';
import { Counter, Gauge, type Registry } from 'prom-client';
import { pingDb, type Db } from '../db/database.js';
import { QUEUES } from '../queue/jobs.js';
import type { Queues } from '../queue/queues.js';

const JOB_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
  'completed',
] as const;
/** A scrape must answer even when a dependency hangs: each read gets this long (ms). */
const READ_TIMEOUT_MS = 2_000;

/**
 * Metrics read from shared state when Prometheus scrapes: queue depths per queue and state
 * (BullMQ `getJobCounts`), mentions stored per source kind, sources per status, and whether each
 * dependency answered. A dependency that is down leaves its series out (and `ecoute_up` says which).
 */
export function registerScrapeCollectors(
  registry: Registry,
  deps: { db: Db; queues: Queues },
): void {
  new Gauge({
    name: 'ecoute_up',
    help: '1 when the dependency answered at scrape time, else 0',
    labelNames: ['dependency'] as const,
    registers: [registry],
    async collect() {
      const [postgres, redis] = await Promise.all([pingDb(deps.db), deps.queues.ping()]);
      this.set({ dependency: 'postgres' }, postgres ? 1 : 0);
      this.set({ dependency: 'redis' }, redis ? 1 : 0);
    },
  });
  new Gauge({
    name: 'ecoute_queue_jobs',
    help: 'Jobs per queue and state, read from Redis at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await timed(
        Promise.all(QUEUES.map((q) => deps.queues.byName[q].getJobCounts(...JOB_STATES))),
      );
      counts?.forEach((byState, i) => {
        for (const state of JOB_STATES) this.set({ queue: QUEUES[i]!, state }, byState[state] ?? 0);
      });
    },
  });
  // items_total is advanced in the ingest transaction, so this counter is exact and costs one
  // grouped read of the (small) sources table, never a count over mentions.
  new Counter({
    name: 'ecoute_mentions_stored_total',
    help: 'Mentions stored, by source kind (rate() of it is the ingest rate)',
    labelNames: ['source_kind'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await timed(
        sql<{ kind: string; n: string }>`
          select kind, sum(items_total)::text as n from sources group by kind`.execute(deps.db),
      );
      for (const r of rows?.rows ?? []) this.inc({ source_kind: r.kind }, Number(r.n));
    },
  });
  new Gauge({
    name: 'ecoute_sources',
    help: 'Sources by kind and status (status="failed": polling gave up; see the sources page)',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await timed(
        sql<{ kind: string; status: string; n: number }>`
          select kind, status, count(*)::int as n from sources group by kind, status`.execute(
          deps.db,
        ),
      );
      for (const r of rows?.rows ?? []) this.set({ kind: r.kind, status: r.status }, r.n);
    },
  });
}

async function timed<T>(p: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), READ_TIMEOUT_MS);
  });
  try {
    return await Promise.race([p.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
