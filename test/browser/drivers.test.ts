import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshEmerging } from '../../core/drivers/emerging/emerging.service.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { launchBrowser, signIn, VIEWPORTS, type BrowserSession } from '../support/browser.js';
import { waitFor } from '../support/test-db.js';

// The built dashboards (`npm run build:dashboards`) on the running app with the demo corpus.
describe('the drivers page', () => {
  let app: TestApp;
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    app = await startTestApp({ demo: true });
    await app.waitForAnalysis(120_000);
    const db = app.database.db;
    await waitFor(
      'driver rows',
      async () => {
        const r = await sql<{ n: number }>`select count(*)::int as n from mention_drivers`.execute(
          db,
        );
        return r.rows[0]!.n > 20;
      },
      120_000,
    );
    const latest = await sql<{ at: Date }>`select max(published_at) as at from mentions`.execute(
      db,
    );
    await refreshEmerging(db, {
      topicId: null,
      now: new Date(latest.rows[0]!.at.getTime() - 2 * 86_400_000),
      windowHours: 48,
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows drivers over time, the drill-down with evidence and names an emerging complaint in one click', async () => {
    browser = await launchBrowser({ viewport: VIEWPORTS.desktop });
    const { page } = browser;
    await signIn(page, app.baseUrl, app.adminKey);
    await page.goto(`${app.baseUrl}/#/drivers?days=60`);
    await page.locator('#drivers-series').waitFor();
    await page.locator('canvas[data-chart]').first().waitFor();
    const rows = page.locator('.driver-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: 'Billing' }).click();
    const item = page.locator('.drill-list li').first();
    await item.waitFor();
    expect(await page.locator('.drill-list mark').count()).toBeGreaterThan(0);
    const emerging = page.locator('.emerging-item').first();
    await emerging.waitFor();
    expect((await emerging.locator('.phrase-chips').textContent()) ?? '').toMatch(
      /playlist|contact/i,
    );
    await browser.screenshot('drivers-desktop');
    await emerging.getByRole('button', { name: 'Name this driver' }).click();
    await page.locator('p[role="status"]', { hasText: 'taxonomy v2' }).waitFor();
    const t = await app.database.db
      .selectFrom('driver_taxonomies')
      .select('version')
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    expect(t.version).toBe(2);
    await browser.screenshot('drivers-named');
    expect(browser.errors).toEqual([]);
  });
});
