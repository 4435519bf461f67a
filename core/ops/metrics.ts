import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Écoute's Prometheus metrics, one registry per process (and per test app, so two apps in one
 * test process never mix their counts).
 *
 * Design: each process exposes what only it can see — the API its request latencies at
 * `/metrics`, each worker process its job durations and failures on `METRICS_PORT` — and
 * Prometheus scrapes every instance, as it does for any horizontally scaled service. What is
 * shared state (queue depths, stored mentions, source health) is read from Redis and Postgres
 * at scrape time by the API, so it is exact however many processes run and never double counted.
 */
export interface ApiMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
}

export interface WorkerMetrics {
  registry: Registry;
  jobDuration: Histogram<'queue' | 'job' | 'outcome'>;
  jobFailures: Counter<'queue' | 'job' | 'final'>;
}

// Seconds: API answers are expected in tens of ms; the tail up to the 30 s statement timeout.
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
// Seconds: an analysis batch of 500 takes about a second; polls wait on the network (15 s timeout).
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

function baseRegistry(process: 'api' | 'worker', defaults: boolean): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ process });
  if (defaults) collectDefaultMetrics({ register: registry });
  return registry;
}

export function createApiMetrics(opts: { processMetrics?: boolean } = {}): ApiMetrics {
  const registry = baseRegistry('api', opts.processMetrics ?? true);
  const httpDuration = new Histogram({
    name: 'ecoute_http_request_duration_seconds',
    help: 'API latency by route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [registry],
  });
  return { registry, httpDuration };
}

export function createWorkerMetrics(opts: { processMetrics?: boolean } = {}): WorkerMetrics {
  const registry = baseRegistry('worker', opts.processMetrics ?? true);
  const jobDuration = new Histogram({
    name: 'ecoute_job_duration_seconds',
    help: 'Time a job ran in this worker process, by job name and outcome (completed, failed)',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: JOB_BUCKETS,
    registers: [registry],
  });
  const jobFailures = new Counter({
    name: 'ecoute_job_failures_total',
    help: 'Failed job attempts; final="true" when no attempt is left (the job is in the failed set)',
    labelNames: ['queue', 'job', 'final'] as const,
    registers: [registry],
  });
  return { registry, jobDuration, jobFailures };
}
