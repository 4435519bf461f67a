import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeInfluence } from '../../core/influence/influence.service.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { launchBrowser, signIn, VIEWPORTS, type BrowserSession } from '../support/browser.js';

describe('the influencers page on the demo data', () => {
  let app: TestApp;
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    app = await startTestApp({ demo: true });
    // What the hourly scheduled job does, for the dashboard's default window.
    await computeInfluence({ db: app.database.db }, { topicId: null, windowDays: 30 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('ranks the opinion leaders, marks flag-bearers, draws the network and downloads an export', async () => {
    browser = await launchBrowser({ viewport: VIEWPORTS.desktop });
    const { page } = browser;
    await signIn(page, app.baseUrl, app.adminKey);
    await page.goto(`${app.baseUrl}/#/influencers?days=30`);
    const rows = page.locator('tr[data-author]');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(5);
    // The demo's two negative opinion leaders: at least one stands out as a flag-bearer.
    await page.locator('tr.is-flag-bearer').first().waitFor();
    await page.locator('.influence-network canvas').first().waitFor();
    await browser.screenshot('influencers-desktop');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV' }).click(),
    ]);
    const file = await download.path();
    const records = parse(await readFile(file), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(records.length).toBeGreaterThan(5);
    expect(Object.keys(records[0]!)).toEqual(expect.arrayContaining(['handle']));
    // No cell can start a spreadsheet formula.
    for (const r of records)
      for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
    expect(browser.errors).toEqual([]);
  });
});
