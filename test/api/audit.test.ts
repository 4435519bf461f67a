import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../core/auth/api-keys.js';
import { computeInfluence } from '../../core/influence/influence.service.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';

interface Entry {
  id: string;
  at: string;
  actor: { keyId: string | null; name: string; role: string };
  action: string;
  target: { type: string; id: string | null };
  details: Record<string, unknown>;
}

describe('the audit log', () => {
  let app: TestApp;
  let analystKey: string;

  beforeAll(async () => {
    app = await startTestApp({ demo: true });
    analystKey = (await createApiKey(app.database.db, '=Ana, analyst', 'analyst')).key;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const call = async (method: string, path: string, body?: unknown, key = app.adminKey) => {
    const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      text,
      body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null,
    };
  };
  const entries = async (query = '') =>
    (await call('GET', `/audit${query}`)).body as { items: Entry[]; nextCursor: string | null };

  it('records changes to sources, topics, rules, identities and ideas with who, what and the target', async () => {
    const db = app.database.db;
    const source = (await call('POST', '/sources', { kind: 'webhook', name: 'Bridge' })).body;
    expect((await call('PATCH', `/sources/${source.id}`, { name: 'Bridge 2' })).status).toBe(200);
    expect((await call('DELETE', `/sources/${source.id}`)).status).toBe(204);
    const topic = (await call('POST', '/topics', { name: 'Box', query: 'box' })).body;
    const rule = await call(
      'POST',
      '/alerts/rules',
      {
        name: 'Risk',
        kind: 'risk_threshold',
        channel: 'webhook',
        target: 'http://127.0.0.1:9/hook',
        params: { threshold: 70 },
      },
      analystKey,
    );
    expect(rule.status).toBe(201);
    const customer = await db
      .selectFrom('customers')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const author = await db
      .selectFrom('authors')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(
      (
        await call(
          'POST',
          `/customers/${customer.id}/identities`,
          { authorId: author.id },
          analystKey,
        )
      ).status,
    ).toBe(201);
    const a = (await call('POST', '/ideas', { title: 'Mode avion' }, analystKey)).body;
    const b = (await call('POST', '/ideas', { title: 'Mode hors ligne' }, analystKey)).body;
    expect(
      (
        await call(
          'PUT',
          `/ideas/${a.id}/score`,
          { feasibility: 3, impact: 2, comment: 'ok' },
          analystKey,
        )
      ).status,
    ).toBe(200);
    expect((await call('POST', `/ideas/${a.id}/merge`, { into: b.id }, analystKey)).status).toBe(
      200,
    );

    const { items } = await entries('?limit=50');
    const seen = items.map((e) => `${e.action} ${e.target.type}:${e.target.id ?? ''}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        `source.create source:${source.id}`,
        `source.update source:${source.id}`,
        `source.delete source:${source.id}`,
        `topic.create topic:${topic.id}`,
        `alert_rule.create alert_rule:${rule.body.id}`,
        `identity.confirm customer:${customer.id}`,
        `idea.score idea:${a.id}`,
        `idea.merge idea:${a.id}`,
      ]),
    );
    const score = items.find((e) => e.action === 'idea.score')!;
    expect(score.actor).toMatchObject({ name: '=Ana, analyst', role: 'analyst' });
    expect(score.details).toEqual({ feasibility: 3, impact: 2, comment: 'ok' });
    expect(items.find((e) => e.action === 'identity.confirm')!.details).toEqual({
      authorId: author.id,
      status: 'confirmed',
    });
    // Settings that may hold secrets are recorded by field name only.
    expect(items.find((e) => e.action === 'source.update')!.details).toEqual({ fields: ['name'] });
    expect(JSON.stringify(items)).not.toContain('127.0.0.1:9/hook');
    // Newest first.
    expect(items.map((e) => Number(e.id))).toEqual(
      [...items.map((e) => Number(e.id))].sort((x, y) => y - x),
    );
  });

  it('records an export with its filters and the number of rows it held', async () => {
    await computeInfluence({ db: app.database.db }, { topicId: null, windowDays: 365 });
    const res = await call(
      'GET',
      '/influencers/export?format=csv&window=365&limit=7',
      undefined,
      analystKey,
    );
    expect(res.status).toBe(200);
    const rows = parse(res.text, { columns: true }) as unknown[];
    const [entry] = (await entries('?action=export.influencers')).items;
    expect(entry!.details).toMatchObject({
      filters: { format: 'csv', window: 365, limit: 7 },
      rows: rows.length,
    });
    expect(rows.length).toBe(7);
    expect(entry!.actor.role).toBe('analyst');
  });

  it('pages with a keyset cursor and filters by action and target, for admins only', async () => {
    const first = await entries('?limit=3');
    expect(first.items).toHaveLength(3);
    const second = await entries(`?limit=3&cursor=${first.nextCursor}`);
    expect(Number(second.items[0]!.id)).toBeLessThan(Number(first.items[2]!.id));
    const all = await entries('?limit=500');
    const ids = [...first.items, ...second.items].map((e) => e.id);
    expect(ids).toEqual(all.items.slice(0, 6).map((e) => e.id));
    expect(
      (await entries('?targetType=source')).items.every((e) => e.target.type === 'source'),
    ).toBe(true);
    expect((await call('GET', '/audit', undefined, analystKey)).status).toBe(403);
    expect((await call('GET', '/audit?cursor=bogus')).status).toBe(400);
  });

  it('exports the log as CSV with formula-looking cells neutralised, and records that export', async () => {
    const res = await call('GET', '/audit/export?format=csv&action=idea.score');
    expect(res.status).toBe(200);
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor_name).toBe("'=Ana, analyst");
    expect(JSON.parse(rows[0]!.details!)).toEqual({ feasibility: 3, impact: 2, comment: 'ok' });
    const [entry] = (await entries('?action=audit.export')).items;
    expect(entry!.details).toEqual({
      filters: { action: 'idea.score' },
      rows: 1,
      format: 'csv',
      truncated: false,
    });
  });
});
