import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { createLogger } from '../../core/logger.js';
import { purgeExpiredMentions, RETENTION_SCHEDULER_ID } from '../../core/privacy/retention.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { generateMentions } from '../support/generate-mentions.js';
import { waitFor } from '../support/test-db.js';

interface Day {
  day: string;
  total: number;
  analysed: number;
  negative: number;
  neutral: number;
  positive: number;
  dissatisfied: number;
  ideas: number;
}

describe('retention per source', () => {
  let app: TestApp;
  let sourceId: string;
  let topicId: string;
  const DAY = 86_400_000;

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${app.adminKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers, checked by the assertions
      body: (await res.json().catch(() => null)) as any,
    };
  };
  /** What /stats/daily answers: live counts plus the rolled-up counts of purged mentions. */
  const keptStats = async (topic?: string) => {
    const q = `/stats/daily?days=40${topic ? `&topic=${topic}` : ''}`;
    return (await call('GET', q)).body.days as Day[];
  };

  beforeAll(async () => {
    // The sweeper leaves the analyses in flight alone: a second analysis of a mention could
    // regroup its duplicates between the counts taken before and after the purge.
    app = await startTestApp({ config: { SWEEP_GRACE_S: 600 } });
    const db = app.database.db;
    sourceId = (
      await db
        .insertInto('sources')
        .values({ kind: 'import', name: 'Archive', config: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    topicId = (
      await call('POST', '/topics', { name: 'Résiliation', query: 'résilier OR switching' })
    ).body.id;
    const now = Date.now();
    // 160 mentions over the last 40 days, four a day.
    const mentions = generateMentions(160).map((m, i) => ({
      ...m,
      publishedAt: new Date(now - (i % 40) * DAY - 3_600_000),
    }));
    await ingest(
      { db, queues: app.deps.queues, logger: createLogger('silent'), analyzeBatchSize: 50 },
      { sourceId, mentions },
    );
    await app.waitForAnalysis();
    await waitFor('the analysis queue and its follow-ups to be idle', async () => {
      const counts = await app.deps.queues.byName.analyze.getJobCounts(
        'active',
        'waiting',
        'prioritized',
      );
      return Object.values(counts).every((n) => n === 0);
    });
    await waitFor('topic matches', async () => {
      const r = await sql<{ n: number }>`select count(*)::int as n from mention_topics`.execute(db);
      return r.rows[0]!.n > 0;
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('purges mentions older than the window in the daily job and keeps every daily count', async () => {
    const db = app.database.db;
    const before = await keptStats();
    const beforeTopic = await keptStats(topicId);
    // Near-duplicate texts count once (their canonical mention), as /stats/daily always does.
    expect(before.reduce((n, d) => n + d.total, 0)).toBeGreaterThan(100);

    const set = await call('PUT', `/privacy/retention/${sourceId}`, { days: 10 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ sourceId, name: 'Archive', retentionDays: 10 });
    const scheduler = await app.deps.queues
      .queueOf('privacy.retention')
      .getJobScheduler(RETENTION_SCHEDULER_ID);
    expect(scheduler?.every).toBe(86_400_000);

    await app.deps.queues.enqueue('privacy.retention', {}, { jobId: 'retention-now' });
    const cutoff = new Date(Date.now() - 10 * DAY);
    await waitFor('old mentions to be purged', async () => {
      const r = await db
        .selectFrom('mentions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('published_at', '<', cutoff)
        .executeTakeFirstOrThrow();
      return Number(r.n) === 0;
    });
    const left = await db
      .selectFrom('mentions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(40);
    expect(await keptStats()).toEqual(before);
    expect(await keptStats(topicId)).toEqual(beforeTopic);
    const rolled = await sql<{
      n: number;
    }>`select coalesce(sum(total), 0)::int as n from daily_volume where topic_key = 0`.execute(db);
    expect(rolled.rows[0]!.n).toBeGreaterThan(80);
  });

  it('purges nothing more on a rerun, and nothing at all from a source without a window', async () => {
    const db = app.database.db;
    const volume = await db
      .selectFrom('daily_volume')
      .selectAll()
      .orderBy(['day', 'topic_key'])
      .execute();
    const report = await purgeExpiredMentions(db);
    expect(report.sources).toEqual([{ sourceId, retentionDays: 10, purged: 0 }]);
    expect(
      await db.selectFrom('daily_volume').selectAll().orderBy(['day', 'topic_key']).execute(),
    ).toEqual(volume);

    expect(
      (await call('PUT', `/privacy/retention/${sourceId}`, { days: null })).body.retentionDays,
    ).toBeNull();
    expect((await purgeExpiredMentions(db, new Date(Date.now() + 365 * DAY))).sources).toEqual([]);
    expect((await call('PUT', '/privacy/retention/987654321', { days: 5 })).status).toBe(404);
    expect((await call('PUT', `/privacy/retention/${sourceId}`, { days: 0 })).status).toBe(400);
  });
});
