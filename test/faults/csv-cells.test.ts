import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../core/auth/api-keys.js';
import { computeInfluence } from '../../core/influence/influence.service.js';
import { ingest } from '../../core/ingestion/ingest.service.js';
import type { NormalizedMention } from '../../core/mentions/normalized-mention.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';

/** Cells a spreadsheet could evaluate, some only once its importer trims what comes first. */
const DANGEROUS = [
  '=HYPERLINK("http://evil.test","clic")',
  ' =1+1',
  '  +33 6 12',
  '\t-2+3',
  '\r@SUM(A1)',
  '\n=cmd|" /C calc"!A0',
  '\r\n=1',
  '\u00a0=1',
  '\u3000=1',
  '\ufeff=1',
  '\u200b=1',
  '\uff1dHYPERLINK("http://evil.test")',
  '\uff0b1',
  '\uff0d1',
  '\uff20SUM(A1)',
  '\ufe66 1',
  '\u22121',
];

/** What a spreadsheet sees first once it drops blanks, controls and zero-width characters. */
const formulaFirst = (cell: string) =>
  // eslint-disable-next-line no-control-regex -- control characters are what importers drop.
  /^[\s\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2060]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212]/u.test(
    cell,
  );

describe('CSV exports neutralise every cell that could start a formula', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    const at = Date.now() - 3_600_000;
    const mentions: NormalizedMention[] = DANGEROUS.map((name, i) => ({
      platform: 'mastodon',
      externalId: `csv-${i}`,
      text: `Vélia, merci @user${(i + 1) % DANGEROUS.length} pour l'astuce`,
      publishedAt: new Date(at + i * 1000),
      links: [],
      parentId: i > 0 ? `csv-${i - 1}` : null,
      author: { id: `user${i}`, handle: `user${i}`, name, followers: 10 * i },
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

  const csvOf = async (path: string, key = app.adminKey) => {
    const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    return parse(await res.text(), { columns: true }) as Record<string, string>[];
  };

  it('exports influencers with every dangerous name inert and written as it was', async () => {
    const rows = await csvOf('/influencers/export?format=csv&window=30&bots=include');
    const names = rows.map((r) => r.name!);
    for (const name of DANGEROUS) expect(names, JSON.stringify(name)).toContain(`'${name}`);
    const live = rows.flatMap((r) => Object.values(r).filter(formulaFirst));
    expect(live).toEqual([]);
  });

  it('exports the audit log with an actor named like a formula inert', async () => {
    for (const name of DANGEROUS.slice(0, 6)) {
      const { key } = await createApiKey(app.database.db, name, 'admin');
      const res = await fetch(`${app.baseUrl}/api/v1/topics`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `t${Math.random()}`, query: 'box' }),
      });
      expect(res.status).toBe(201);
    }
    const rows = await csvOf('/audit/export');
    const actors = rows.map((r) => r.actor_name!);
    for (const name of DANGEROUS.slice(0, 6)) expect(actors).toContain(`'${name}`);
    const live = rows.flatMap((r) => Object.values(r).filter(formulaFirst));
    expect(live).toEqual([]);
  });
});
