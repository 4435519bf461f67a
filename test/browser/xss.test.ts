import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { launchBrowser, signIn, VIEWPORTS } from '../support/browser.js';

// Each payload sets the canary if it ever runs; the page must show it as text instead.
const TEXT = `Ma box <img src=x onerror="window.__xss='text'"><script>window.__xss='script'</script> coupe`;
const NAME = `<svg onload="window.__xss='name'">Mallory</svg>`;
const PROFILE = `javascript:window.__xss='profile'`;
const PERMALINK = `javascript:window.__xss='permalink'`;

describe('stored XSS payloads on the overview page', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    const deps = {
      db: app.database.db,
      queues: app.deps.queues,
      logger: app.deps.logger,
      analyzeBatchSize: 100,
    };
    await ingest(deps, {
      sourceId: null,
      mentions: [
        {
          platform: 'mastodon',
          externalId: 'xss-1',
          url: PERMALINK,
          text: TEXT,
          links: [],
          publishedAt: new Date(),
          author: {
            id: 'mallory',
            handle: `mallory"><img src=x onerror=window.__xss='handle'>`,
            name: NAME,
            profileUrl: PROFILE,
          },
        },
      ],
    });
    await app.waitForAnalysis();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('renders mention text, author names and profile URLs inert', async () => {
    const browser = await launchBrowser({ viewport: VIEWPORTS.desktop });
    try {
      const { page } = browser;
      await signIn(page, app.baseUrl, app.adminKey);
      const mention = page.locator('.mention').first();
      await mention.waitFor();
      // Shown as the characters that were sent, not parsed as markup.
      expect(await mention.locator('.mention-text').textContent()).toContain('<img src=x onerror=');
      expect(await mention.textContent()).toContain('<svg onload=');
      expect(
        await page.locator('.mention img[src="x"], .mention svg[onload], .mention script').count(),
      ).toBe(0);
      // A javascript: URL never becomes a link target.
      const hrefs = await page
        .locator('a[href]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(hrefs.filter((h) => /^\s*javascript:/i.test(h))).toEqual([]);
      // Clicking whatever the author's name became still runs nothing.
      await mention
        .locator('.author-name')
        .first()
        .click({ trial: false })
        .catch(() => undefined);
      expect(await page.evaluate(() => (globalThis as { __xss?: string }).__xss)).toBeUndefined();
      await browser.screenshot('xss-overview');
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
