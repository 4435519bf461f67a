import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn, VIEWPORTS, type BrowserSession } from '../support/browser.js';
import { CONTRACT_API_KEY, startContractServer, type ContractServer } from './contract-server.js';
import { HOSTILE } from './contract-fixtures.js';

// The dashboards against the API contract's shapes (fixed fixtures, hostile text included),
// under the strict Content-Security-Policy. Needs `npm run build:dashboards` first, as `npm test` does.
describe('the overview dashboard against the API contract', () => {
  let server: ContractServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    server = await startContractServer();
    browser = await launchBrowser({ enforceCspFor: server.baseUrl });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks for the API key, signs in with it and sends the CSRF header on the session request', async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/`);
    await page.getByText('Paste the API key printed by').waitFor();
    await page.getByLabel('API key').fill('wrong-key');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText('was not accepted').waitFor();

    await signIn(page, server.baseUrl, CONTRACT_API_KEY);
    const logins = server.requests.filter(
      (r) => r.method === 'POST' && r.path === '/api/v1/session',
    );
    expect(logins.map((r) => r.requestedWith)).toEqual(['ecoute', 'ecoute']);
    await page.locator('[data-kpi="mentions"] .kpi-value').waitFor();
    // The panels render as their data arrives: wait for the last of each before counting.
    await page.locator('canvas[data-chart]').nth(2).waitFor();
    await page.locator('.mention').nth(3).waitFor();
    await page.locator('.source-table tbody tr').nth(3).waitFor();
    expect(await page.locator('canvas[data-chart]').count()).toBe(3);
    expect(await page.locator('.mention').count()).toBe(4);
    expect(await page.locator('.source-table tbody tr').count()).toBe(4);
    // The policy is in force: an inline script added to the page does not run.
    const inline = `(() => { const s = document.createElement('script');
      s.textContent = 'window.__inline = 1'; document.head.append(s); return typeof window.__inline; })()`;
    expect(await page.evaluate(inline)).toBe('undefined');
    expect(browser.errors).toEqual([expect.stringContaining('Content Security Policy')]);
    browser.errors.length = 0;
  });

  it('renders hostile mention text, author names, titles and URLs as inert text', async () => {
    const { page } = browser;
    const hostile = page.locator('[data-mention-id="m-hostile"]');
    await hostile.waitFor();
    expect(await hostile.locator('.mention-text').textContent()).toBe(HOSTILE.text);
    expect(await hostile.locator('.mention-title').textContent()).toBe(HOSTILE.title);
    expect(await hostile.locator('.author-name').textContent()).toBe(HOSTILE.authorName);
    // javascript: URLs become neither a permalink nor a profile link.
    expect(await hostile.locator('a').count()).toBe(0);
    expect(
      await page.locator('.mention img, .mention script, .mention iframe, .mention b').count(),
    ).toBe(0);
    expect(await page.locator('[data-source-id="s3"] .error-text').textContent()).toBe(
      HOSTILE.sourceError,
    );
    expect(await page.evaluate('typeof window.__xss')).toBe('undefined');

    const rels = await page
      .locator('.mention a')
      .evaluateAll((links) =>
        links.map((a) => [a.getAttribute('href')?.slice(0, 8), a.getAttribute('rel')]),
      );
    expect(rels.length).toBeGreaterThan(0);
    for (const [href, rel] of rels) {
      expect(href).toBe('https://');
      expect(rel).toBe('noopener noreferrer nofollow');
    }
    expect(browser.errors).toEqual([]);
  });

  it('shows the evidence behind a signal chip when it is expanded', async () => {
    const { page } = browser;
    const chip = page.locator('[data-mention-id="m1"] .chip.signal-churn_intent');
    expect(await chip.getAttribute('title')).toContain('je vais résilier');
    await chip.click();
    expect(await chip.getAttribute('aria-expanded')).toBe('true');
    const evidence = page.locator('[data-mention-id="m1"] .evidence');
    expect(await evidence.textContent()).toContain('je vais résilier');
    expect(await page.locator('[data-mention-id="m1"] mark.ev-churn_intent').textContent()).toBe(
      'je vais résilier',
    );
  });

  it("shows the API's error message when the data cannot be loaded, then recovers on retry", async () => {
    const { page } = browser;
    server.failWith = {
      status: 503,
      code: 'storage_unavailable',
      message: 'Postgres is not reachable.',
    };
    await page.getByRole('radio', { name: '7 days' }).check();
    await page.locator('.stale-note').first().waitFor();
    expect(await page.locator('.stale-note').first().textContent()).toContain(
      'Postgres is not reachable.',
    );

    await page.reload();
    const error = page.locator('.error-state').first();
    await error.waitFor();
    expect(await error.textContent()).toContain('Postgres is not reachable.');
    expect(await error.textContent()).toContain('503 · storage_unavailable');

    server.failWith = null;
    await error.getByRole('button', { name: 'Try again' }).click();
    await page.locator('[data-kpi="mentions"] .kpi-value').waitFor();
    expect(page.url()).toContain('days=7');
    browser.errors.length = 0; // the 503s above were wanted
  });

  it('returns to the login form when the session has expired', async () => {
    const { page } = browser;
    server.expireSessions();
    await page.getByRole('radio', { name: '90 days' }).check();
    await page.getByText('Your session has ended. Sign in again.').waitFor();
    expect(await page.getByLabel('API key').isVisible()).toBe(true);
    browser.errors.length = 0; // the 401s above were wanted
  });

  it('logs out with the CSRF header and shows the login form', async () => {
    const { page } = browser;
    await signIn(page, server.baseUrl, CONTRACT_API_KEY);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByText('You are signed out.').waitFor();
    const logouts = server.requests.filter((r) => r.method === 'DELETE');
    expect(logouts).toEqual([
      { method: 'DELETE', path: '/api/v1/session', requestedWith: 'ecoute' },
    ]);
    expect(browser.errors).toEqual([]);
  });

  it('fits a 390-pixel-wide screen without sideways scrolling', async () => {
    const phone = await launchBrowser({ viewport: VIEWPORTS.phone, enforceCspFor: server.baseUrl });
    try {
      await signIn(phone.page, server.baseUrl, CONTRACT_API_KEY);
      await phone.page.locator('.mention').first().waitFor();
      await phone.page.locator('canvas[data-chart]').first().waitFor();
      const width = await phone.page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(VIEWPORTS.phone.width);
      await phone.screenshot('contract-overview-phone');
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
