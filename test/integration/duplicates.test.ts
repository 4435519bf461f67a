import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../core/ingestion/ingest.service.js';
import type { NormalizedMention } from '../../core/mentions/normalized-mention.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { launchBrowser, signIn, VIEWPORTS } from '../support/browser.js';

const at = (minutes: number) => new Date(Date.now() - 60 * 60_000 + minutes * 60_000);

function mention(
  platform: string,
  id: string,
  text: string,
  minutes: number,
  url?: string,
): NormalizedMention {
  return { platform, externalId: id, text, links: [], publishedAt: at(minutes), url: url ?? null };
}

describe('duplicates across sources', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    const deps = {
      db: app.database.db,
      queues: app.deps.queues,
      logger: app.deps.logger,
      analyzeBatchSize: 500,
    };
    await ingest(deps, {
      sourceId: null,
      mentions: [
        mention(
          'mastodon',
          'm1',
          'Panne de fibre à Lyon depuis ce matin, toujours rien à 18h. Merci Vélia…',
          0,
          'https://piaille.fr/@anne/1',
        ),
        mention(
          'rss',
          'r1',
          'La fibre Vélia est en panne à Lyon depuis ce matin : article complet',
          5,
          'https://piaille.fr/@anne/1?utm_source=feed',
        ),
        mention(
          'bluesky',
          'b1',
          'RT @anne: Panne de fibre à Lyon depuis ce matin, toujours rien à 18h. Merci Vélia... https://t.co/xyz',
          10,
        ),
        mention(
          'reddit',
          't3_x',
          'Completely unrelated: the new Vélia app has a dark mode now and I love it',
          15,
        ),
      ],
    });
    await app.waitForAnalysis();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('groups the same post under its earliest mention, by permalink or by text', async () => {
    const rows = await app.database.db
      .selectFrom('mentions as m')
      .innerJoin('mention_analyses as a', 'a.mention_id', 'm.id')
      .select(['m.external_id', 'm.id', 'a.duplicate_of'])
      .orderBy('m.id')
      .execute();
    const byExt = Object.fromEntries(rows.map((r) => [r.external_id, r]));
    expect(byExt.m1!.duplicate_of).toBeNull();
    expect(byExt.r1!.duplicate_of).toBe(byExt.m1!.id); // same permalink once tracking is removed
    expect(byExt.b1!.duplicate_of).toBe(byExt.m1!.id); // same text once handles and links are removed
    expect(byExt.t3_x!.duplicate_of).toBeNull();
  });

  it('counts a group once in volume and keeps the copies visible', async () => {
    const headers = { authorization: `Bearer ${app.readerKey}` };
    const summary = (await (
      await fetch(`${app.baseUrl}/api/v1/stats/summary?days=2`, { headers })
    ).json()) as { mentions: number };
    expect(summary.mentions).toBe(2);
    const list = (await (await fetch(`${app.baseUrl}/api/v1/mentions`, { headers })).json()) as {
      items: { externalId: string; duplicateCount: number }[];
    };
    expect(list.items.map((i) => i.externalId).sort()).toEqual(['m1', 't3_x']);
    expect(list.items.find((i) => i.externalId === 'm1')!.duplicateCount).toBe(2);
    const copies = (await (
      await fetch(`${app.baseUrl}/api/v1/mentions?duplicates=only`, { headers })
    ).json()) as {
      items: { externalId: string }[];
    };
    expect(copies.items.map((i) => i.externalId).sort()).toEqual(['b1', 'r1']);
  });

  it('lists the copies of one post, through the API and under the mention on the overview', async () => {
    const headers = { authorization: `Bearer ${app.readerKey}` };
    const list = (await (await fetch(`${app.baseUrl}/api/v1/mentions`, { headers })).json()) as {
      items: { id: string; externalId: string }[];
    };
    const canonical = list.items.find((i) => i.externalId === 'm1')!;
    const copies = (await (
      await fetch(`${app.baseUrl}/api/v1/mentions?duplicateOf=${canonical.id}`, { headers })
    ).json()) as { items: { externalId: string; duplicateOf: string }[] };
    expect(copies.items.map((i) => i.externalId).sort()).toEqual(['b1', 'r1']);
    expect(copies.items.every((i) => i.duplicateOf === canonical.id)).toBe(true);
    const bad = await fetch(`${app.baseUrl}/api/v1/mentions?duplicateOf=abc`, { headers });
    expect(bad.status).toBe(400);

    const browser = await launchBrowser({ viewport: VIEWPORTS.desktop });
    try {
      await signIn(browser.page, app.baseUrl, app.readerKey);
      const item = browser.page.locator(`[data-mention-id="${canonical.id}"]`);
      await item.getByRole('button', { name: '2 copies from other sources' }).click();
      await item.locator('[data-copy-id]').nth(1).waitFor();
      expect(await item.locator('[data-copy-id]').count()).toBe(2);
      await browser.screenshot('duplicates-overview');
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
