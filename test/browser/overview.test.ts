import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../core/auth/users.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { launchBrowser, signIn, VIEWPORTS, type BrowserSession } from '../support/browser.js';

// The whole product: API and workers in-process on a cloned database, the demo corpus fed
// through the real pipeline, the built dashboards (`npm run build:dashboards`) served by the API.
describe('the overview dashboard on the running app', () => {
  let app: TestApp;
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    app = await startTestApp({ demo: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('opens the overview after demo ingestion and finds a chart and a mention', async () => {
    browser = await launchBrowser({ viewport: VIEWPORTS.desktop });
    const { page } = browser;
    const response = await page.goto(`${app.baseUrl}/`);
    expect(response?.status()).toBe(200);
    // The API serves the dashboards under its strict policy; the page must run under it.
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    await signIn(page, app.baseUrl, app.adminKey);
    await page.locator('canvas[data-chart]').first().waitFor();
    const mention = page.locator('.mention').first();
    await mention.waitFor();
    expect((await mention.locator('.mention-text').textContent())?.trim().length).toBeGreaterThan(
      0,
    );
    expect(await page.locator('canvas[data-chart]').count()).toBeGreaterThanOrEqual(1);
    const mentions = Number(
      (await page.locator('[data-kpi="mentions"] .kpi-value').textContent())?.replace(/\D/g, ''),
    );
    expect(mentions).toBeGreaterThan(0);
    // The demo corpus is analysed by the time the harness returns: sentiment badges are shown.
    await page.locator('.mention .badge[class*="sentiment-"]').first().waitFor();
    expect(await page.locator('.source-table tbody tr').count()).toBeGreaterThanOrEqual(1);
    await browser.screenshot('overview-desktop');
    expect(browser.errors).toEqual([]);
  });

  it('lets a person correct the analysis of a mention, stored as a label for retraining', async () => {
    const session = await launchBrowser({ viewport: VIEWPORTS.desktop });
    try {
      await signIn(session.page, app.baseUrl, app.adminKey);
      const mention = session.page.locator('.mention').first();
      await mention.waitFor();
      const id = await mention.getAttribute('data-mention-id');
      await mention.getByRole('button', { name: 'Correct the analysis' }).click();
      const select = mention.locator('.correct-form label', { hasText: 'Idea' }).locator('select');
      const current = await select.inputValue();
      const wanted = current === '1' ? '0' : '1';
      await select.selectOption(wanted);
      await mention.locator('.correct-form .saved').waitFor();
      const row = await app.database.db
        .selectFrom('label_corrections')
        .select(['task', 'label'])
        .where('mention_id', '=', id!)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ task: 'idea', label: wanted });
      await session.screenshot('overview-correction');
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('signs a person in with an e-mail and password, with the role of their account', async () => {
    const { password } = await createUser(app.database.db, {
      email: 'camille@velia.example',
      name: 'Camille',
      role: 'agent',
    });
    const session = await launchBrowser({ viewport: VIEWPORTS.desktop });
    try {
      const { page } = session;
      await page.goto(`${app.baseUrl}/`);
      await page.getByRole('button', { name: 'Sign in with an e-mail and password' }).click();
      await page.getByLabel('E-mail').fill('camille@velia.example');
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.locator('.mention').first().waitFor();
      expect(await page.locator('.user').textContent()).toContain('Camille');
      expect(await page.locator('.user').textContent()).toMatch(/agent/i);
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('shows the same overview on a 390-pixel-wide screen without sideways scrolling', async () => {
    const phone = await launchBrowser({ viewport: VIEWPORTS.phone });
    try {
      await signIn(phone.page, app.baseUrl, app.adminKey);
      await phone.page.locator('.mention').first().waitFor();
      await phone.page.locator('canvas[data-chart]').first().waitFor();
      const width = await phone.page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(VIEWPORTS.phone.width);
      await phone.screenshot('overview-phone');
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
