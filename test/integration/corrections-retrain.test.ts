import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { waitFor } from '../support/test-db.js';

const IRONIC = [
  'Encore la box qui clignote orange, on connaît la chanson',
  'Box qui clignote orange ce soir, on connaît la chanson chez Vélia',
  'On connaît la chanson : la box clignote orange, encore',
  'Voyant orange qui clignote sur la box, on connaît la chanson',
  'La chanson habituelle, la box clignote orange depuis midi',
  'Et voilà, la box clignote orange. On connaît la chanson.',
  'Clignotement orange de la box ce matin, on connaît la chanson',
  'Box en orange clignotant, on connaît la chanson maintenant',
];
const PROBE = 'Voyant orange sur la box, on connaît la chanson';

describe('corrections train the next model', () => {
  let app: TestApp;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const classify = async () => {
    const r = await call('POST', '/classify', { texts: [{ id: 'p', text: PROBE }] });
    expect(r.status).toBe(200);
    return r.body as { modelVersion: string; items: { dissatisfied: boolean; lang: string }[] };
  };

  beforeAll(async () => {
    app = await startTestApp();
    await ingest(
      {
        db: app.database.db,
        queues: app.deps.queues,
        logger: app.deps.logger,
        analyzeBatchSize: 500,
      },
      {
        sourceId: null,
        mentions: IRONIC.map((text, i) => ({
          platform: 'mastodon',
          externalId: `c${i}`,
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

  it('changes what the retrained model says, and re-analysis applies it to stored mentions', async () => {
    const before = await classify();
    expect(before.items[0]!.lang).toBe('fr');
    expect(before.items[0]!.dissatisfied).toBe(false);

    const ids = (
      await app.database.db.selectFrom('mentions').select('id').orderBy('id').execute()
    ).map((r) => r.id);
    for (const id of ids) {
      const r = await call('POST', `/mentions/${id}/labels`, {
        task: 'dissatisfied',
        label: 'true',
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ task: 'dissatisfied', label: '1', lang: 'fr' });
    }
    const stored = await app.database.db
      .selectFrom('label_corrections')
      .select(['mention_id', 'label'])
      .execute();
    expect(stored).toHaveLength(IRONIC.length);

    const retrained = await call('POST', '/models/retrain', { task: 'dissatisfied', lang: 'fr' });
    expect(retrained.status).toBe(201);
    expect(retrained.body).toMatchObject({
      task: 'dissatisfied',
      lang: 'fr',
      corrections: IRONIC.length,
    });

    const after = await classify();
    expect(after.modelVersion).not.toBe(before.modelVersion);
    expect(after.items[0]!.dissatisfied).toBe(true);

    // Re-analysing the stored mentions with the new model, as a background run with progress.
    const versionBefore = (
      await app.database.db
        .selectFrom('mention_analyses')
        .select('model_version')
        .executeTakeFirstOrThrow()
    ).model_version;
    const run = await call('POST', '/reanalysis', {});
    expect(run.status).toBe(202);
    expect(run.body).toMatchObject({ total: IRONIC.length });
    const done = await waitFor('the re-analysis run to finish', async () => {
      const r = await call('GET', `/reanalysis/${run.body.id as string}`);
      return r.body.done ? r.body : null;
    });
    expect(done).toMatchObject({
      total: IRONIC.length,
      queued: IRONIC.length,
      analysed: IRONIC.length,
    });
    const analyses = await app.database.db
      .selectFrom('mention_analyses')
      .select(['dissatisfied', 'model_version'])
      .execute();
    expect(analyses.every((a) => a.model_version !== versionBefore)).toBe(true);
    expect(analyses.filter((a) => a.dissatisfied).length).toBeGreaterThanOrEqual(IRONIC.length - 1);
  });

  it('refuses a label that does not belong to the task, naming the field', async () => {
    const id = (await app.database.db.selectFrom('mentions').select('id').executeTakeFirstOrThrow())
      .id;
    const r = await call('POST', `/mentions/${id}/labels`, { task: 'sentiment', label: 'furious' });
    expect(r.status).toBe(400);
    expect((r.body.error as { details: { field: string }[] }).details[0]!.field).toBe('label');
    expect(
      (await call('POST', '/mentions/999999/labels', { task: 'idea', label: '1' })).status,
    ).toBe(404);
  });
});
