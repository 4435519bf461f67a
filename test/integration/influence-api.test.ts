import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Worker } from 'bullmq';
import { sql } from 'kysely';
import { parse } from 'csv-parse/sync';
import express from 'express';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../../api/auth.js';
import { credentialGuard } from '../../api/middleware/credential-guard.js';
import { errorHandler } from '../../api/http-error.js';
import { registerRoutes } from '../../api/route.js';
import { influencerRoutes } from '../../api/routes/influencers.routes.js';
import { syncInfluenceSchedules } from '../../core/influence/influence-schedule.js';
import { METRIC_DICTIONARY } from '../../core/influence/metric-dictionary.js';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { normalizedMentionSchema } from '../../core/mentions/normalized-mention.js';
import { QUEUES } from '../../core/queue/jobs.js';
import { bullConnection } from '../../core/queue/redis.js';
import { Queues, queueSettings } from '../../core/queue/queues.js';
import { createTopic } from '../../core/topics/topic.service.js';
import { computeInfluenceJob } from '../../workers/jobs/compute-influence.job.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { testQueuePrefix, waitFor } from '../support/test-db.js';

/** Names a spreadsheet would run as formulas, and names in many scripts: all must survive. */
const NAMES = [
  '=HYPERLINK("http://evil.test","clic")',
  '+33 6 12 34 56 78',
  '-2+3',
  '@SUM(A1:A9)',
  '\tTabulée',
  'Zoë Łukasz',
  '日本語の名前',
  'محمد العربي',
  'Ünïcödé & <xml> "quotes"',
  'Sam 🎥 Okafor',
  'Ngozi, "Lagos"',
  'Ólafur\nNewline',
];
const ORDINARY = [
  'Anne',
  'Bruno',
  'Chloé',
  'David',
  'Emma',
  'Farid',
  'Gina',
  'Hugo',
  'Inès',
  'Jules',
];

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const handleOf = (i: number) => `user${i}@m.test`;

/** A conversation about Vélia: one angry leader everybody answers, quotes and mentions. */
function corpus() {
  const people = [...NAMES, ...ORDINARY];
  const leader = {
    id: 'leader@m.test',
    handle: 'leader@m.test',
    name: 'Margaux Leader',
    followers: 25_000,
  };
  const posts = [
    {
      externalId: 'L1',
      author: leader,
      text: "Vélia m'a prélevé deux fois ce mois-ci, c'est inacceptable, je résilie.",
      publishedAt: minutesAgo(600),
    },
    {
      externalId: 'L2',
      author: leader,
      text: 'Toujours aucune réponse de Vélia. Service client injoignable, honteux.',
      publishedAt: minutesAgo(500),
    },
  ];
  people.forEach((name, i) => {
    const author = { id: handleOf(i), handle: handleOf(i), name, followers: 10 + i * 37 };
    const at = minutesAgo(400 - i);
    if (i % 3 === 0) {
      posts.push({
        externalId: `r${i}`,
        author,
        text: `@leader pareil chez Vélia, double prélèvement, furieux.`,
        publishedAt: at,
        parentId: 'L1',
      } as never);
    } else if (i % 3 === 1) {
      posts.push({
        externalId: `q${i}`,
        author,
        text: `Je partage, Vélia doit rembourser @user${i - 1}.`,
        publishedAt: at,
        quotedId: 'L2',
      } as never);
    } else {
      posts.push({
        externalId: `m${i}`,
        author,
        text: `Merci Vélia, tout marche bien chez moi, bravo @leader et @user0.`,
        publishedAt: at,
      } as never);
    }
  });
  return posts.map((p) =>
    normalizedMentionSchema.parse({ platform: 'mastodon', likes: 2, replies: 1, ...p }),
  );
}

describe('influencers API', () => {
  let app: TestApp;
  let api: string;
  let server: Server;
  let topicId: string;
  let jobQueues: Queues;
  let worker: Worker;

  const get = (path: string, key = app.readerKey) =>
    fetch(`${api}${path}`, { headers: { authorization: `Bearer ${key}` } });
  const json = async <T>(path: string, key?: string): Promise<T> => {
    const res = await get(path, key);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    app = await startTestApp();
    topicId = (await createTopic(app.database.db, { name: 'Vélia', query: 'velia OR vélia' })).id;
    const deps = {
      db: app.database.db,
      queues: app.deps.queues,
      logger: app.deps.logger,
      analyzeBatchSize: 50,
    };
    const outcome = await ingest(deps, { sourceId: null, mentions: corpus() });
    expect(outcome.status).toBe('stored');
    await app.waitForAnalysis(60_000);

    // The influence routes on the same building blocks as the product's app.
    const http = express();
    const router = express.Router();
    router.use(authenticate(app.database.db, credentialGuard(app.config)));
    registerRoutes(router, influencerRoutes({ ...app.deps, db: app.database.db }));
    http.use('/api/v1', router);
    http.use(errorHandler(app.deps.logger));
    server = await new Promise((resolve) => {
      const s = http.listen(0, '127.0.0.1', () => resolve(s));
    });
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;

    // The scheduled job, on its own queue prefix, run by a real BullMQ worker.
    jobQueues = new Queues(queueSettings(app.config, { prefix: testQueuePrefix() }));
    worker = new Worker('maintenance', (job) => computeInfluenceJob(job, app.deps), {
      connection: bullConnection(app.config.REDIS_URL, 'worker'),
      prefix: jobQueues.settings.prefix,
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    for (const q of QUEUES)
      await jobQueues?.byName[q].obliterate({ force: true }).catch(() => undefined);
    await jobQueues?.close();
    await new Promise((resolve) => server?.close(resolve));
    await app?.stop();
  });

  it('computes every topic and window on schedule and stores the window and when it was computed', async () => {
    const count = await syncInfluenceSchedules(jobQueues, [{ id: topicId }], { windows: [11] });
    expect(count).toBe(2);
    const schedulers = await jobQueues.byName.maintenance.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual([
      `influence-${topicId}-11d`,
      'influence-all-11d',
    ]);
    // 11 days: a window the product's own schedules never use, so these runs are the job's.
    const runs = await waitFor(
      'both influence runs of the job',
      async () => {
        const { rows } = await sql<{
          topic_id: string | null;
          window_days: number;
          computed_at: Date;
          authors: number;
        }>`select * from influence_runs where window_days = 11`.execute(app.database.db);
        return rows.length === 2 ? rows : null;
      },
      30_000,
    );
    const run = runs.find((r) => r.topic_id === topicId)!;
    expect(run).toMatchObject({ window_days: 11, authors: NAMES.length + ORDINARY.length + 1 });
    expect(Date.now() - run.computed_at.getTime()).toBeLessThan(60_000);

    const listing = await json<{
      run: { topicId: string; windowDays: number };
      items: { handle: string; rank: number }[];
    }>(`/influencers?topic=${topicId}&window=11&limit=3`);
    expect(listing.run).toMatchObject({ topicId, windowDays: 11 });
    expect(listing.items[0]).toMatchObject({ handle: 'leader@m.test', rank: 1 });
  });

  it('pages through the whole listing with the keyset cursor, without gaps or repeats', async () => {
    const all = await json<{ items: { authorId: string; score: number }[] }>(
      `/influencers?topic=${topicId}&window=11&limit=200`,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { authorId: string }[]; nextCursor: string | null } = await json(
        `/influencers?topic=${topicId}&window=11&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items.map((i) => i.authorId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.authorId));
    expect(all.items.length).toBe(NAMES.length + ORDINARY.length + 1);
    const scores = all.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('filters by stance and sorts by another metric', async () => {
    const negative = await json<{ items: { stance: string }[] }>(
      `/influencers?topic=${topicId}&window=11&stance=negative`,
    );
    expect(negative.items.length).toBeGreaterThan(0);
    expect(negative.items.every((i) => i.stance === 'negative')).toBe(true);
    const byReach = await json<{ items: { followers: number | null }[] }>(
      `/influencers?topic=${topicId}&window=11&sort=reach&limit=5`,
    );
    expect(byReach.items[0]!.followers).toBe(25_000);
    const bad = await get(`/influencers?window=11&stance=angry`);
    expect(bad.status).toBe(400);
    expect(
      ((await bad.json()) as { error: { details: { field: string }[] } }).error.details[0]!.field,
    ).toBe('stance');
  });

  it("answers one author's score with a breakdown that adds up and who engages with them", async () => {
    const top = await json<{ items: { authorId: string }[] }>(
      `/influencers?topic=${topicId}&window=11&limit=1`,
    );
    const detail = await json<{
      influencer: {
        score: number;
        breakdown: { components: Record<string, { contribution: number }> };
      };
      engagedBy: { handle: string; replies: number; quotes: number }[];
    }>(`/influencers/${top.items[0]!.authorId}?topic=${topicId}&window=11`);
    const sum = Object.values(detail.influencer.breakdown.components).reduce(
      (s, c) => s + c.contribution,
      0,
    );
    expect(sum).toBeCloseTo(detail.influencer.score, 9);
    expect(detail.engagedBy.length).toBeGreaterThan(5);
    expect(
      detail.engagedBy.some((e) => e.replies > 0) && detail.engagedBy.some((e) => e.quotes > 0),
    ).toBe(true);
    expect((await get(`/influencers/999999?topic=${topicId}&window=11`)).status).toBe(404);
  });

  it('exports CSV that parses back with formula-looking names inert and other names intact', async () => {
    const res = await get(
      `/influencers/export?format=csv&topic=${topicId}&window=11`,
      app.adminKey,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="influencers-topic-\d+-11d-/,
    );
    const text = await res.text();
    expect(text).toContain('\r\n');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(METRIC_DICTIONARY.map((m) => m.field));
    expect(rows).toHaveLength(NAMES.length + ORDINARY.length + 1);
    const names = new Set(rows.map((r) => r.name));
    for (const name of NAMES) {
      const inert = /^[=+\-@\t\r]/.test(name) ? `'${name}` : name;
      expect(names.has(inert), name).toBe(true);
    }
    for (const row of rows)
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('exports JSON with the metric dictionary and every influencer', async () => {
    const body = await json<{
      run: { windowDays: number };
      dictionary: { field: string }[];
      items: { name: string }[];
    }>(`/influencers/export?format=json&topic=${topicId}&window=11&bots=include`, app.adminKey);
    expect(body.run.windowDays).toBe(11);
    expect(body.dictionary.map((d) => d.field)).toContain('negativeShare');
    expect(body.items.map((i) => i.name)).toEqual(expect.arrayContaining(NAMES));
  });

  it('exports GEXF that an XML reader parses into named nodes and weighted edges', async () => {
    const res = await get(
      `/influencers/export?format=gexf&topic=${topicId}&window=11`,
      app.adminKey,
    );
    expect(res.status).toBe(200);
    // htmlEntities: decode numeric character references (&#9;) as every conforming XML reader does.
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      htmlEntities: true,
      isArray: (n) => ['node', 'edge', 'attvalue', 'attribute', 'attributes'].includes(n),
    }).parse(await res.text()) as {
      gexf: {
        version: string;
        graph: {
          defaultedgetype: string;
          nodes: { node: { id: string; label: string }[] };
          edges: { edge: { source: string; target: string; weight: string }[] };
        };
      };
    };
    expect(doc.gexf.version).toBe('1.3');
    const { nodes, edges } = doc.gexf.graph;
    expect(nodes.node.map((n) => n.label)).toEqual(
      expect.arrayContaining([...NAMES, 'Margaux Leader']),
    );
    const ids = new Set(nodes.node.map((n) => n.id));
    expect(edges.edge.length).toBeGreaterThan(10);
    for (const e of edges.edge) {
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      expect(Number(e.weight)).toBeGreaterThan(0);
    }
  });

  it('answers 404 for a window never computed and 401 without a key', async () => {
    const res = await get(
      `/influencers/export?format=csv&topic=${topicId}&window=90`,
      app.adminKey,
    );
    expect(res.status).toBe(404);
    expect(res.headers.get('content-disposition')).toBeNull();
    expect((await fetch(`${api}/influencers?window=11`)).status).toBe(401);
  });
});
