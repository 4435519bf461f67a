import { createServer, type Server } from 'node:http';
import type { Job, Worker } from 'bullmq';
import type { Registry } from 'prom-client';
import type { WorkerMetrics } from './metrics.js';

/** Records every job this worker runs: its duration by outcome, and its failed attempts. */
export function observeWorker(worker: Worker, metrics: WorkerMetrics): void {
  const seconds = (job: Job) =>
    job.processedOn && job.finishedOn
      ? Math.max(0, job.finishedOn - job.processedOn) / 1000
      : undefined;
  worker.on('completed', (job) => {
    const s = seconds(job);
    if (s !== undefined)
      metrics.jobDuration.observe({ queue: worker.name, job: job.name, outcome: 'completed' }, s);
  });
  worker.on('failed', (job) => {
    if (!job) return;
    const s = seconds(job);
    if (s !== undefined)
      metrics.jobDuration.observe({ queue: worker.name, job: job.name, outcome: 'failed' }, s);
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    metrics.jobFailures.inc({ queue: worker.name, job: job.name, final: String(final) });
  });
}

/**
 * A worker process's own `/metrics`, on its own port (workers serve no other HTTP). `authorize`
 * gets the Authorization header; anything else answers 401.
 */
export async function serveMetrics(
  registry: Registry,
  port: number,
  host: string,
  authorize: (authorization: string | undefined) => Promise<boolean>,
): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      if (!(await authorize(req.headers.authorization))) {
        res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
        return;
      }
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType }).end(body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
