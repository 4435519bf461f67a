import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../core/auth/api-keys.js';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';

const TEXTS = [
  'I love this app, thank you so much, the best support ever!',
  'Worst service ever, I am cancelling my subscription today, furious.',
  'ok',
  'The app updated last night.',
  'Not sure what to think about the new plan',
  'It would be great if you added a dark mode',
  "Le service client ne répond jamais, c'est honteux",
  'Merci pour votre aide, super rapide !',
  'bof',
  'Nouvelle version disponible ce matin.',
  'hmm, interesting change I guess',
  'Pas mal, mais peut mieux faire',
];

interface Item {
  mentionId: string;
  lang: string;
  uncertainty: number;
  unsureAbout: string;
  reading: {
    sentiment: { negative: number; neutral: number; positive: number } | null;
    dissatisfied: number | null;
  };
}

describe('the "teach Écoute" queue', () => {
  let app: TestApp;
  let analystKey: string;
  const call = async (key: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const queue = async (query = '') => {
    const r = await call(analystKey, 'GET', `/teach/queue${query}`);
    expect(r.status).toBe(200);
    return r.body as { items: Item[]; candidates: number };
  };

  beforeAll(async () => {
    app = await startTestApp();
    analystKey = (await createApiKey(app.database.db, 'test analyst', 'analyst')).key;
    await ingest(
      {
        db: app.database.db,
        queues: app.deps.queues,
        logger: app.deps.logger,
        analyzeBatchSize: 500,
      },
      {
        sourceId: null,
        mentions: TEXTS.map((text, i) => ({
          platform: 'mastodon',
          externalId: `t${i}`,
          text,
          links: [],
          publishedAt: new Date(Date.now() - i * 60_000),
        })),
      },
    );
    await app.waitForAnalysis();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('offers the unlabelled mentions the models are least sure of, most uncertain first', async () => {
    const q = await queue('?limit=50');
    const analysed = await app.database.db
      .selectFrom('mention_analyses')
      .select('mention_id')
      .where('lang', 'in', ['fr', 'en'])
      .execute();
    expect(q.candidates).toBe(analysed.length);
    expect(q.items).toHaveLength(analysed.length);
    const u = q.items.map((i) => i.uncertainty);
    expect(u).toEqual([...u].sort((a, b) => b - a));
    for (const i of q.items) {
      expect(['fr', 'en']).toContain(i.lang);
      expect(['sentiment', 'dissatisfied', 'idea']).toContain(i.unsureAbout);
      const s = i.reading.sentiment!;
      expect(s.negative + s.neutral + s.positive).toBeCloseTo(1, 2);
    }
    // A plain declaration of love is not what the model needs to learn from first.
    const love = (
      await app.database.db
        .selectFrom('mentions')
        .select('id')
        .where('external_id', '=', 't0')
        .executeTakeFirstOrThrow()
    ).id;
    expect(q.items[0]!.mentionId).not.toBe(love);
    expect((await queue('?limit=3')).items.map((i) => i.mentionId)).toEqual(
      q.items.slice(0, 3).map((i) => i.mentionId),
    );
  });

  it('leaves out labelled and skipped mentions, and the figures count the labels', async () => {
    const before = await call(analystKey, 'GET', '/teach/figures');
    expect(before.status).toBe(200);
    const labelsBefore = (before.body.labels as { total: number }).total;
    const [first, second] = (await queue()).items;
    const saved = await call(analystKey, 'POST', `/mentions/${first!.mentionId}/labels`, {
      task: 'sentiment',
      label: 'neutral',
    });
    expect(saved.status).toBe(201);
    const row = await app.database.db
      .selectFrom('label_corrections')
      .select(['task', 'label'])
      .where('mention_id', '=', first!.mentionId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ task: 'sentiment', label: 'neutral' });
    const next = await queue(`?limit=50&exclude=${second!.mentionId}`);
    const ids = next.items.map((i) => i.mentionId);
    expect(ids).not.toContain(first!.mentionId);
    expect(ids).not.toContain(second!.mentionId);
    const after = await call(analystKey, 'GET', '/teach/figures');
    const labels = after.body.labels as { total: number; lastDay: number; byTask: unknown[] };
    expect(labels.total).toBe(labelsBefore + 1);
    expect(labels.lastDay).toBe(labelsBefore + 1);
    const models = after.body.models as { task: string; lang: string; retrained: boolean }[];
    expect(models).toHaveLength(6);
    expect(models.every((m) => !m.retrained)).toBe(true);
  });

  // A retraining trains a sentiment model with its cross-validation: seconds, more on a busy machine.
  it(
    'shows the retrained model and its cross-validated figure after a retraining',
    { timeout: 120_000 },
    async () => {
      const r = await call(app.adminKey, 'POST', '/models/retrain', {
        task: 'sentiment',
        lang: 'en',
      });
      expect(r.status).toBe(201);
      const evaluation = r.body.evaluation as { macroF1: number; method: string };
      expect(evaluation.macroF1).toBeGreaterThan(0);
      expect(evaluation.method).toMatch(/cross-validation/);
      const figures = await call(analystKey, 'GET', '/teach/figures');
      const models = figures.body.models as {
        task: string;
        lang: string;
        retrained: boolean;
        version: string;
        evaluation: { macroF1: number };
      }[];
      const m = models.find((x) => x.task === 'sentiment' && x.lang === 'en')!;
      expect(m).toMatchObject({ retrained: true, version: r.body.version });
      expect(m.evaluation.macroF1).toBe(evaluation.macroF1);
    },
  );

  it('is for analysts and admins, and names a bad parameter', async () => {
    expect((await call(app.readerKey, 'GET', '/teach/queue')).status).toBe(403);
    expect((await call(app.readerKey, 'GET', '/teach/figures')).status).toBe(403);
    const bad = await call(analystKey, 'GET', '/teach/queue?exclude=1;drop');
    expect(bad.status).toBe(400);
    const details = (bad.body.error as { details: { field: string }[] }).details;
    expect(details[0]!.field).toBe('exclude');
    expect((await call(analystKey, 'GET', '/teach/queue?limit=500')).status).toBe(400);
  });
});
