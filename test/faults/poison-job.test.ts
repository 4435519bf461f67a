import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { createWorkerMetrics } from '../../core/ops/metrics.js';
import { observeWorker } from '../../core/ops/worker-metrics.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { generateMentions } from '../support/generate-mentions.js';
import { waitFor } from '../support/test-db.js';
import { counts } from './counts.js';

describe('a poison job among good ones', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ config: { JOB_ATTEMPTS: 3, ANALYZE_BATCH_SIZE: 100 } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('lands in the failed set after its attempts, is counted as a final failure, and the rest flows', async () => {
    const metrics = createWorkerMetrics({ processMetrics: false });
    for (const w of app.workers!.workers) observeWorker(w, metrics);
    // A job left by an older version, or corrupted: ids that are not ids. Every attempt throws.
    await app.deps.queues.enqueue(
      'mentions.analyze',
      { mentionIds: ['12', 'not-an-id'] },
      { jobId: 'poison' },
    );
    await ingest(
      {
        db: app.database.db,
        queues: app.deps.queues,
        logger: app.deps.logger,
        analyzeBatchSize: 100,
      },
      { sourceId: null, mentions: generateMentions(500, 0) },
    );
    await app.waitForAnalysis();
    const analyze = app.deps.queues.byName.analyze;
    const failed = await waitFor(
      'the poison job to fail for good',
      async () => {
        const jobs = (await analyze.getFailed()) as Job[];
        return jobs.length > 0 ? jobs : null;
      },
      30_000,
      100,
    );
    expect(failed.map((j) => [j.id, j.attemptsMade])).toEqual([['poison', 3]]);
    expect(failed[0]!.failedReason).toMatch(/bigint|invalid input/i);
    expect(await counts(app.database.db)).toEqual({
      mentions: 500,
      distinctMentions: 500,
      analyses: 500,
    });
    const final = await metrics.jobFailures.get();
    const byFinal = Object.fromEntries(final.values.map((v) => [String(v.labels.final), v.value]));
    expect(byFinal).toEqual({ false: 2, true: 1 });
  });
});
