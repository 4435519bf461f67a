import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { launchBrowser, signIn, VIEWPORTS, type BrowserSession } from '../support/browser.js';
import { waitFor } from '../support/test-db.js';

// The built dashboards (`npm run build:dashboards`) served by the API.
describe('the alert rule form in a browser', () => {
  let app: TestApp;
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    app = await startTestApp({ workers: false });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('creates a rule on reply credentials about to fail, which has no parameter to give', async () => {
    browser = await launchBrowser({ viewport: VIEWPORTS.desktop });
    const { page } = browser;
    await signIn(page, app.baseUrl, app.adminKey);
    await page.goto(`${app.baseUrl}/#/alerts`);
    const form = page.getByRole('form', { name: 'New alert rule' });
    await form.waitFor();
    expect(await form.locator('input[name="param"]').count()).toBe(1);

    await form.getByLabel('Name').fill('Credentials of the care accounts');
    await form.getByLabel('When').selectOption({ label: 'Reply credentials about to fail' });
    expect(await form.locator('input[name="param"]').count()).toBe(0);
    await form.getByLabel('Target (URL or addresses)').fill('http://127.0.0.1:9/credentials');
    await form.getByRole('button', { name: 'Add rule' }).click();

    await page.getByRole('status').filter({ hasText: 'Signing secret' }).waitFor();
    const rule = await waitFor('the rule to be stored', () =>
      app.database.db
        .selectFrom('alert_rules')
        .select(['kind', 'params', 'channel', 'target'])
        .where('name', '=', 'Credentials of the care accounts')
        .executeTakeFirst(),
    );
    expect(rule).toEqual({
      kind: 'credential_health',
      params: {},
      channel: 'webhook',
      target: 'http://127.0.0.1:9/credentials',
    });
    await page.locator('[data-rule="Credentials of the care accounts"]').waitFor();
    await browser.screenshot('alerts-credential-rule');
    expect(browser.errors).toEqual([]);
  });
});
