import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../core/auth/api-keys.js';
import { processBatch } from '../../core/dialogue/conversation-open.service.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { launchBrowser, signIn, VIEWPORTS, type BrowserSession } from '../support/browser.js';
import { startFakePlatform, type FakePlatform } from '../fixtures/dialogue/fake-platforms.js';
import { addAgents, minutesAgo, seedMentions } from '../fixtures/dialogue/seed.js';

// The built dashboards (`npm run build:dashboards`) served by the API, workers in-process, and a
// local Mastodon that receives the reply.
describe('the inbox on the running app', () => {
  let app: TestApp;
  let fake: FakePlatform;
  let browser: BrowserSession | undefined;
  let agentKey: string;

  beforeAll(async () => {
    fake = await startFakePlatform(0);
    app = await startTestApp();
    const db = app.database.db;
    const key = await createApiKey(db, 'Camille (support)', 'reader');
    agentKey = key.key;
    await addAgents(db, [{ name: 'Camille', apiKeyId: key.id }]);
    const source = await db
      .insertInto('sources')
      .values({
        kind: 'mastodon',
        name: 'Mastodon',
        config: JSON.stringify({ instance: fake.url, mode: 'hashtag', tag: 'velia' }),
        secret_sealed: app.deps.secrets.seal('tok_browser'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const host = new URL(fake.url).host;
    const ids = await seedMentions(db, [
      {
        platform: 'mastodon',
        externalId: `${host}:500`,
        author: 'zoe@m.social',
        text: 'Ma box Vélia est encore en panne, troisième fois ce mois-ci. Je pense résilier.',
        publishedAt: minutesAgo(20),
        sourceId: source.id,
        analysis: { dissatisfied: true, signals: { discontent: 0.8, churn_intent: 0.7 } },
      },
    ]);
    await processBatch(db, ids);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await fake?.close();
  });

  it('lets an agent open an assigned conversation, reply, and see the reply sent', async () => {
    browser = await launchBrowser({ viewport: VIEWPORTS.desktop });
    const { page } = browser;
    await signIn(page, app.baseUrl, agentKey);
    await page.goto(`${app.baseUrl}/#/inbox?tab=mine`);
    const row = page.locator('.inbox-row').first();
    await row.waitFor({ timeout: 10_000 }).catch(async (err: unknown) => {
      await browser?.screenshot('inbox-debug');
      throw err;
    });
    expect(await row.locator('.owner').textContent()).toBe('Camille');
    await browser.screenshot('inbox-mine');
    await row.locator('a').click();
    await page.locator('.msg.in').first().waitFor();
    expect(await page.locator('.msg.in .msg-text').first().textContent()).toContain(
      'troisième fois',
    );
    await page
      .getByLabel('Reply on mastodon')
      .fill('@zoe désolés, un technicien vous rappelle aujourd’hui.');
    expect(await page.getByTestId('limit').textContent()).toContain('/ 500');
    await page.getByRole('button', { name: 'Send on mastodon' }).click();
    await page.locator('.msg.out .send-sent').waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.getByTestId('status').textContent(), { timeout: 10_000 })
      .toBe('pending');
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0]).toMatchObject({ in_reply_to_id: '500' });
    await browser.screenshot('conversation-replied');
    expect(browser.errors).toEqual([]);
  });
});
