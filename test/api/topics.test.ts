import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../core/auth/api-keys.js';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { createLogger } from '../../core/logger.js';
import { previewQuery } from '../../core/topics/topic-preview.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { generateMentions } from '../support/generate-mentions.js';

interface Preview {
  query: string;
  normalised: string;
  matched: number;
  scanned: number;
  total: number;
  complete: boolean;
  estimatedMatches: number;
  sample: {
    id: string;
    text: string;
    matchedTerms: string[];
    author: string | null;
    publishedAt: string;
  }[];
}

// generateMentions cycles 8 texts: 1 in 8 mentions says "résilier mon abonnement", 1 in 8
// "switching to Kappa", 1 in 8 "Great support from @velia_help".
describe('topics API: validate and preview a query before saving it', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ workers: false });
    await ingest(
      { db: app.database.db, queues: null, logger: createLogger('silent'), analyzeBatchSize: 100 },
      { sourceId: null, mentions: generateMentions(800) },
    );
  });
  afterAll(async () => {
    await app?.stop();
  });

  const call = async <T>(method: string, p: string, body?: unknown, key = app.adminKey) => {
    const res = await fetch(`${app.baseUrl}/api/v1${p}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  it('counts the stored mentions a query matches, with the newest ten and their matched terms', async () => {
    const res = await call<Preview>('POST', '/topics/preview', {
      query: 'RESILIER OR (kappa NEAR/2 switching)',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      matched: 200,
      scanned: 800,
      total: 800,
      complete: true,
      estimatedMatches: 200,
    });
    expect(res.body.normalised).toBe('resilier OR kappa NEAR/2 switching');
    expect(res.body.sample).toHaveLength(10);
    // Newest first: generated mention i is published at 2026-11-01 + i seconds.
    const times = res.body.sample.map((s) => s.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(res.body.sample[0]!.text).toMatch(/^(Je vais résilier|I am switching to Kappa)/);
    for (const s of res.body.sample) {
      expect(s.matchedTerms.length).toBeGreaterThan(0);
      expect(s.author).toMatch(/^user\d+$/);
    }
    expect(new Set(res.body.sample.flatMap((s) => s.matchedTerms))).toEqual(
      new Set(['resilier', 'kappa NEAR/2 switching']),
    );
    // Nothing was saved.
    expect((await call<{ items: unknown[] }>('GET', '/topics')).body.items).toEqual([]);
  });

  it('matches fields and accents as at ingest, and counts zero without failing', async () => {
    const byAuthor = await call<Preview>('POST', '/topics/preview', {
      query: 'author:user5 AND "résilier mon"',
    });
    // user5 writes mentions 5, 102, 199…; every 8th of them (i ≡ 0 mod 8) says "résilier".
    const expected = Array.from({ length: 800 }, (_, i) => i).filter(
      (i) => i % 97 === 5 && i % 8 === 0,
    ).length;
    expect(byAuthor.body.matched).toBe(expected);
    const none = await call<Preview>('POST', '/topics/preview', { query: '"nothing like this"' });
    expect(none.body).toMatchObject({ matched: 0, sample: [], complete: true });
  });

  it('answers a query that does not parse with 400, its position and reason', async () => {
    const res = await call<{
      error: { code: string; message: string; details: { field: string; reason: string }[] };
    }>('POST', '/topics/preview', { query: 'velia AND' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details[0]).toEqual({
      field: 'query',
      reason: 'expected a term after AND at position 9',
    });

    const live = await call<{
      ok: boolean;
      position?: number;
      reason?: string;
      normalised?: string;
    }>('POST', '/topics/validate', { query: '(velia OR kappa' });
    expect(live.status).toBe(200);
    expect(live.body).toEqual({
      ok: false,
      position: 0,
      reason: 'unbalanced parenthesis: ( at position 0 is never closed',
    });
    const good = await call<{ ok: boolean; normalised: string }>('POST', '/topics/validate', {
      query: 'velia kappa OR box',
    });
    expect(good.body).toEqual({ ok: true, normalised: 'velia AND kappa OR box' });
    expect((await call('POST', '/topics/preview', { query: 'velia' }, app.readerKey)).status).toBe(
      403,
    );
  });

  it('stops at its time budget with an estimate over the newest mentions', async () => {
    const partial = await previewQuery(
      app.database.db,
      { query: 'kappa' },
      { batchSize: 100, budgetMs: 0 },
    );
    expect(partial.complete).toBe(false);
    expect(partial.scanned).toBe(100);
    expect(partial.total).toBe(800);
    // The newest 100 are generated mentions 700–799: 12 of them (i ≡ 3 mod 8) mention Kappa.
    expect(partial.matched).toBe(12);
    expect(partial.estimatedMatches).toBe(Math.round((partial.matched * 800) / 100));
  });

  it('bumps the query version only when the query changes', async () => {
    const created = await call<{ id: string; queryVersion: number; rerunJobId: string }>(
      'POST',
      '/topics',
      { name: 'Churn', query: 'résilier' },
    );
    expect(created.status).toBe(201);
    expect(created.body.queryVersion).toBe(1);
    expect(created.body.rerunJobId).toBe(`topic-rerun-${created.body.id}-v1`);
    const renamed = await call<{ queryVersion: number; rerunJobId?: string }>(
      'PATCH',
      `/topics/${created.body.id}`,
      { name: 'Churn FR', query: 'résilier' },
    );
    expect(renamed.body.queryVersion).toBe(1);
    expect(renamed.body.rerunJobId).toBeUndefined();
    const changed = await call<{ queryVersion: number; rerunJobId: string }>(
      'PATCH',
      `/topics/${created.body.id}`,
      { query: 'résilier OR kappa' },
    );
    expect(changed.body.queryVersion).toBe(2);
    const status = await call<{ version: number; jobId: string; state: string }>(
      'GET',
      `/topics/${created.body.id}/rerun`,
      undefined,
      app.readerKey,
    );
    expect(status.body).toMatchObject({
      version: 2,
      jobId: changed.body.rerunJobId,
      state: 'waiting',
    });
    const rows = await sql<{
      v: number;
    }>`select query_version as v from topics where id = ${created.body.id}::bigint`.execute(
      app.database.db,
    );
    expect(rows.rows[0]!.v).toBe(2);
  });

  it('lets an analyst check, preview, create, edit and delete a topic, each change recorded as theirs', async () => {
    const analyst = (await createApiKey(app.database.db, 'Ana (analyst)', 'analyst')).key;
    const valid = await call<{ ok: boolean }>(
      'POST',
      '/topics/validate',
      { query: 'kappa' },
      analyst,
    );
    expect(valid).toEqual({ status: 200, body: { ok: true, normalised: 'kappa' } });
    const preview = await call<Preview>('POST', '/topics/preview', { query: 'kappa' }, analyst);
    expect(preview.status).toBe(200);
    expect(preview.body.matched).toBe(100);
    const created = await call<{ id: string }>(
      'POST',
      '/topics',
      { name: 'Kappa', query: 'kappa' },
      analyst,
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    const edited = await call<{ query: string }>(
      'PATCH',
      `/topics/${id}`,
      { query: 'kappa OR switching' },
      analyst,
    );
    expect(edited.status).toBe(200);
    const removed = await fetch(`${app.baseUrl}/api/v1/topics/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${analyst}` },
    });
    expect(removed.status).toBe(204);
    const log = await app.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role', 'target_id'])
      .where('target_type', '=', 'topic')
      .where('target_id', '=', id)
      .orderBy('id')
      .execute();
    expect(log).toEqual(
      ['topic.create', 'topic.update', 'topic.delete'].map((action) => ({
        action,
        actor_role: 'analyst',
        target_id: id,
      })),
    );
  });
});
