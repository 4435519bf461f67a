import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { waitFor } from '../support/test-db.js';
import { launchBrowser, signIn, VIEWPORTS, type BrowserSession } from '../support/browser.js';

// The demo corpus and its CRM export through the real pipeline: handles the CRM lists link
// their authors as mentions are analysed, and the risk jobs score the accounts.
describe('the churn board and an account page on the running app', () => {
  let app: TestApp;
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    app = await startTestApp({ demo: true });
    await waitFor(
      'accounts to be scored',
      async () => {
        const r = await app.database.db
          .selectFrom('customers')
          .select('id')
          .where('risk_score', '>', 0)
          .execute();
        return r.length >= 3;
      },
      60_000,
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lists accounts by risk and opens one with its breakdown and timeline', async () => {
    browser = await launchBrowser({ viewport: VIEWPORTS.desktop });
    const { page } = browser;
    await signIn(page, app.baseUrl, app.adminKey);
    await page.goto(`${app.baseUrl}/#/churn`);
    const rows = page.locator('.churn-table tbody tr[data-customer]');
    await rows.first().waitFor();
    const scores = (
      await page.locator('.churn-table tbody tr[data-customer] .risk-score').allTextContents()
    ).map(Number);
    expect(scores.length).toBeGreaterThanOrEqual(10);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBeGreaterThan(0);
    await page.locator('.segment-tile').first().waitFor();
    await browser.screenshot('churn-board-desktop');

    await page.locator('select[name="minRisk"]').selectOption('30');
    await waitFor('the board to show only accounts at 30 or more', async () => {
      const shown = await page
        .locator('.churn-table tbody tr[data-customer] .risk-score')
        .allTextContents();
      return shown.length > 0 && shown.every((t) => Number(t) >= 30);
    });

    await rows.first().locator('a').click();
    await page.locator('[data-testid="risk-score"]').waitFor();
    expect(Number(await page.locator('[data-testid="risk-score"]').textContent())).toBe(scores[0]);
    await page.locator('.breakdown-table tbody tr').first().waitFor();
    expect(await page.locator('.breakdown-table tbody tr').count()).toBe(5);
    await page.locator('.timeline li[data-mention]').first().waitFor();
    expect(
      (await page.locator('.timeline li[data-mention] p').first().textContent())?.length,
    ).toBeGreaterThan(0);
    await page.locator('tr[data-identity]').first().waitFor();
    await browser.screenshot('account-desktop');
    expect(browser.errors).toEqual([]);
  });
});
