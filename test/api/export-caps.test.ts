import { request } from 'node:http';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../core/audit/audit.js';
import { computeInfluence } from '../../core/influence/influence.service.js';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';

/** A cap small enough to reach with a handful of rows. */
const CAP = 5;
const AUTHORS = 8;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  trailers: Record<string, string | undefined>;
  text: string;
}

/** node:http, because fetch does not expose HTTP trailers. */
function get(url: string, key: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${key}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          trailers: res.trailers,
          text,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('export row caps', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ config: { EXPORT_MAX_ROWS: CAP } });
    const mentions = Array.from({ length: AUTHORS }, (_, i) => ({
      platform: 'mastodon',
      externalId: `cap-${i}`,
      url: `https://m.example/@a${i}/1`,
      text: `Vélia coupe encore la connexion, message ${i}`,
      links: [],
      publishedAt: new Date(Date.now() - i * 60_000),
      author: { id: `a${i}`, handle: `a${i}@m.example`, name: `Author ${i}`, followers: 10 * i },
    }));
    await ingest(
      {
        db: app.database.db,
        queues: app.deps.queues,
        logger: app.deps.logger,
        analyzeBatchSize: 50,
      },
      { sourceId: null, mentions },
    );
    await app.waitForAnalysis();
    await computeInfluence({ db: app.database.db }, { topicId: null, windowDays: 30 });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  const lastRecord = async (action: string) =>
    (
      await app.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', action)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).details;

  it('cuts an influencer CSV at the cap, says so in a trailer, and records it', async () => {
    const res = await get(
      `${app.baseUrl}/api/v1/influencers/export?format=csv&window=30`,
      app.adminKey,
    );
    expect(res.status).toBe(200);
    expect(res.headers['x-ecoute-row-cap']).toBe(String(CAP));
    expect(res.headers.trailer).toBe('X-Ecoute-Truncated');
    const rows = parse(res.text, { columns: true }) as unknown[];
    expect(rows).toHaveLength(CAP);
    expect(res.trailers['x-ecoute-truncated']).toBe('true');
    expect(await lastRecord('export.influencers')).toMatchObject({
      rows: CAP,
      truncated: true,
      rowCap: CAP,
    });
  });

  it('cuts an influencer JSON list at the cap and marks the document truncated', async () => {
    const res = await get(
      `${app.baseUrl}/api/v1/influencers/export?format=json&window=30`,
      app.adminKey,
    );
    const doc = JSON.parse(res.text) as { items: unknown[]; truncated: boolean };
    expect(doc.items).toHaveLength(CAP);
    expect(doc.truncated).toBe(true);
    expect(res.trailers['x-ecoute-truncated']).toBe('true');
  });

  it('does not call a list truncated when it fits the cap or the limit asked for', async () => {
    const exact = await get(
      `${app.baseUrl}/api/v1/influencers/export?format=json&window=30&limit=${CAP}`,
      app.adminKey,
    );
    const doc = JSON.parse(exact.text) as { items: unknown[]; truncated: boolean };
    expect(doc).toMatchObject({ truncated: false });
    expect(doc.items).toHaveLength(CAP);
    expect(exact.trailers['x-ecoute-truncated']).toBe('false');
    expect(await lastRecord('export.influencers')).toMatchObject({ rows: CAP, truncated: false });
  });

  it('cuts the audit CSV at the cap, with the trailer and a truncated audit record', async () => {
    for (let i = 0; i < CAP + 2; i++)
      await audit(app.database.db, 'system', 'test.filler', { type: 'test', id: i });
    const res = await get(`${app.baseUrl}/api/v1/audit/export?format=csv`, app.adminKey);
    expect(res.status).toBe(200);
    expect(parse(res.text, { columns: true })).toHaveLength(CAP);
    expect(res.trailers['x-ecoute-truncated']).toBe('true');
    expect(await lastRecord('audit.export')).toEqual({
      filters: {},
      rows: CAP,
      format: 'csv',
      truncated: true,
      rowCap: CAP,
    });

    const few = await get(
      `${app.baseUrl}/api/v1/audit/export?format=csv&action=export.influencers`,
      app.adminKey,
    );
    expect(parse(few.text, { columns: true })).toHaveLength(3);
    expect(few.trailers['x-ecoute-truncated']).toBe('false');
  });
});
