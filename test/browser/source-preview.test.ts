import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import {
  launchBrowser,
  signIn,
  SIGNED_OUT_PROBE,
  VIEWPORTS,
  type BrowserSession,
} from '../support/browser.js';
import { scripted, startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { waitFor } from '../support/test-db.js';
import { sharedFixture } from '../shared/connectors/shared-fixtures.js';

// Blank lines before the declaration, a Portuguese date, an undated item, escaped markup and
// a tag in a title: the Preview step shows what would be stored from it, and why.
const FEED = `

<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Avis</title><link>https://avis.example/</link>
<item><guid>a1</guid><title>&lt;b&gt;Résiliation&lt;/b&gt; : déçue</title><link>/a1</link>
<pubDate>Seg, 24 Set 2018 19:42:40 -0300</pubDate>
<description>&lt;p&gt;Le service client ne répond plus.&lt;/p&gt;</description></item>
<item><guid>a2</guid><title>Sans date</title><pubDate>le mois dernier</pubDate>
<description>Toujours en attente.</description></item>
</channel></rss>`;

describe('the Preview step of the add-source dialog in a browser', () => {
  let app: TestApp;
  let server: ReplayServer;
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    app = await startTestApp();
    server = await startReplayServer();
    server.route('/avis.xml', scripted.xml(Buffer.from(FEED), 'application/rss+xml'));
    const res = await fetch(`${app.baseUrl}/api/v1/sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'rss',
        name: 'Avis clients',
        config: { url: `${server.url}/avis.xml` },
      }),
    });
    expect(res.status).toBe(201);
    await waitFor('the feed to be polled once', async () => {
      const row = await app.database.db
        .selectFrom('sources')
        .select('last_success_at')
        .executeTakeFirstOrThrow();
      return row.last_success_at;
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await app?.stop();
  });

  it('previews a feed by its URL and a pasted Mastodon thread, and shows the feed’s warnings on its health', async () => {
    browser = await launchBrowser({
      viewport: VIEWPORTS.desktop,
      allowedErrors: [SIGNED_OUT_PROBE],
    });
    const { page } = browser;
    await signIn(page, app.baseUrl, app.adminKey);
    await page.goto(`${app.baseUrl}/#/sources`);
    const row = page.locator('table.sources-health tr', { hasText: 'Avis clients' });
    await row.waitFor();
    expect(await row.locator('[data-fetch-warnings]').textContent()).toBe('1 warning');
    expect(await row.locator('[data-fetch-warnings]').getAttribute('title')).toMatch(
      /blank lines before the first tag/,
    );

    await page.getByRole('button', { name: 'Add source' }).click();
    await page.getByLabel('Feed URL').fill(`${server.url}/avis.xml`);
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const result = page.locator('[data-preview-result]');
    await result.waitFor();
    expect(await result.locator('.test-mention').count()).toBe(2);
    expect(await result.locator('[data-undated]').textContent()).toBe('1 without a readable date');
    const first = result.locator('[data-preview-line="a1"]');
    expect(await first.locator('.test-mention-title').textContent()).toBe('Résiliation : déçue');
    expect(await first.locator('time').getAttribute('datetime')).toBe('2018-09-24T22:42:40.000Z');
    expect(await first.locator('.test-mention-text').textContent()).toBe(
      'Le service client ne répond plus.',
    );
    const undated = result.locator('[data-preview-line="a2"] .undated');
    expect(await undated.textContent()).toBe('no readable date: placed by fetch time');
    expect(await undated.getAttribute('title')).toBe('The source wrote “le mois dernier”');
    expect(await result.locator('.preview-warnings li').first().textContent()).toMatch(
      /blank lines before the first tag/,
    );
    expect(await result.textContent()).toContain('Decoded as utf-8');
    await browser.screenshot('source-preview-feed');

    await page.getByLabel('Kind').selectOption('mastodon');
    await page.getByLabel('Instance').fill('https://fosstodon.org');
    await page
      .getByLabel('Preview a pasted feed or recorded response (optional)')
      .fill(readFileSync(sharedFixture('mastodon', 'status_context_replies.json'), 'utf8'));
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const thread = page.locator('[data-preview-line="fosstodon.org:114058233338164636"]');
    await thread.waitFor();
    expect(await thread.locator('.tag', { hasText: 'reply to' }).textContent()).toBe(
      'reply to fosstodon.org:114055560713759881',
    );
    await browser.screenshot('source-preview-thread');
    expect(browser.errors).toEqual([]);
  });
});
