import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { createLogger } from '../../core/logger.js';
import { rerunTopic, type RerunProgress } from '../../core/topics/topic-rerun.js';
import { startWorkers, type RunningWorkers } from '../../workers/runtime.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { generateMentions } from '../support/generate-mentions.js';
import { waitFor } from '../support/test-db.js';

const N = 2_500;
// generateMentions cycles 8 texts: text 3 says "switching to Kappa", text 0 "résilier".
const expectedFor = (residue: number) =>
  Array.from({ length: N }, (_, i) => i).filter((i) => i % 8 === residue).length;

// Only the maintenance queue runs here (where topic re-runs go), so no analysis races the
// re-run's rows: what is asserted is exactly what the re-run wrote.
describe('re-running a topic over stored mentions in the background', () => {
  let app: TestApp;
  let workers: RunningWorkers;

  beforeAll(async () => {
    app = await startTestApp({ workers: false });
    workers = await startWorkers(app.deps, { queues: ['maintenance'], schedule: false });
    await ingest(
      { db: app.database.db, queues: null, logger: createLogger('silent'), analyzeBatchSize: 500 },
      { sourceId: null, mentions: generateMentions(N) },
    );
  });
  afterAll(async () => {
    await workers?.close();
    await app?.stop();
  });

  const call = async <T>(method: string, p: string, body?: unknown) => {
    const res = await fetch(`${app.baseUrl}/api/v1${p}`, {
      method,
      headers: {
        authorization: `Bearer ${app.adminKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as T;
  };

  interface Status {
    version: number;
    state: string;
    progress: RerunProgress | null;
    result: { status: string } | null;
  }
  const rerunDone = (topicId: string, version: number) =>
    waitFor(`re-run v${version} of topic ${topicId}`, async () => {
      const s = await call<Status>('GET', `/topics/${topicId}/rerun`);
      if (s.state === 'failed') throw new Error('re-run failed');
      return s.version === version && s.state === 'completed' ? s : null;
    });

  const rowsOf = (topicId: string) =>
    app.database.db
      .selectFrom('mention_topics')
      .select(['mention_id', 'matched_terms'])
      .where('topic_id', '=', topicId)
      .execute();

  it('fills a new topic from the stored mentions, then replaces its matches when the query changes', async () => {
    const created = await call<{ id: string; rerunJobId: string }>('POST', '/topics', {
      name: 'Kappa',
      query: 'kappa',
    });
    const first = await rerunDone(created.id, 1);
    expect(first.progress).toEqual({ scanned: N, total: N, matched: expectedFor(3), percent: 100 });
    expect(first.result).toMatchObject({ status: 'done', scanned: N, matched: expectedFor(3) });
    const kappa = await rowsOf(created.id);
    expect(kappa).toHaveLength(expectedFor(3));
    expect(new Set(kappa.map((r) => r.matched_terms.join(',')))).toEqual(new Set(['kappa']));

    const edited = await call<{ queryVersion: number }>('PATCH', `/topics/${created.id}`, {
      query: 'résilier',
    });
    expect(edited.queryVersion).toBe(2);
    const second = await rerunDone(created.id, 2);
    expect(second.progress).toMatchObject({ scanned: N, matched: expectedFor(0), percent: 100 });
    const resilier = await rowsOf(created.id);
    expect(resilier).toHaveLength(expectedFor(0));
    expect(new Set(resilier.map((r) => r.matched_terms.join(',')))).toEqual(new Set(['resilier']));
    // The mentions list filtered by the topic follows.
    const page = await call<{ items: { text: string }[] }>(
      'GET',
      `/mentions?topic=${created.id}&limit=5`,
    );
    expect(page.items.length).toBe(5);
    for (const m of page.items) expect(m.text).toContain('résilier');
  });

  it('reports progress after every batch and stops when a newer version supersedes it', async () => {
    const created = await call<{ id: string }>('POST', '/topics', {
      name: 'Support',
      query: '@velia_help',
    });
    await rerunDone(created.id, 1);
    const seen: RerunProgress[] = [];
    const outcome = await rerunTopic(app.database.db, created.id, 1, async (p) => {
      seen.push(p);
    });
    expect(seen.map((p) => p.scanned)).toEqual([1000, 2000, 2500]);
    expect(seen.map((p) => p.percent)).toEqual([40, 80, 100]);
    expect(outcome).toMatchObject({ status: 'done', matched: expectedFor(2) });

    // A run for an older version does nothing: the newer one owns the rows.
    const before = await rowsOf(created.id);
    const stale = await rerunTopic(app.database.db, created.id, 0);
    expect(stale).toMatchObject({ status: 'superseded', scanned: 0 });
    expect(await rowsOf(created.id)).toHaveLength(before.length);
  });
});
