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
    await addAgents(db, [{ name: 'Camille', apiKeyId: key.id }, { name: 'Malik' }]);
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
    // The words the analysis found, with their offsets, as the classifier writes them.
    const text = 'Ma box Vélia est encore en panne, troisième fois ce mois-ci. Je pense résilier.';
    const evidence = [
      { target: 'discontent', match: 'en panne', start: text.indexOf('en panne'), weight: 0.9 },
      { target: 'churn_intent', match: 'résilier', start: text.indexOf('résilier'), weight: 1.2 },
    ];
    await db
      .updateTable('mention_analyses')
      .set({ evidence: JSON.stringify(evidence) })
      .where('mention_id', '=', ids[0]!)
      .execute();
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

  it('shows the words behind each signal, and lets the agent change the priority and reassign', async () => {
    const { page } = browser!;
    const conv = await app.database.db
      .selectFrom('conversations')
      .select(['id', 'priority'])
      .executeTakeFirstOrThrow();
    await page.goto(`${app.baseUrl}/#/conversation?id=${conv.id}`);
    const message = page.locator('.msg.in').first();
    await message.waitFor();
    expect(await message.locator('mark.ev-discontent').textContent()).toBe('en panne');
    expect(await message.locator('mark.ev-churn_intent').textContent()).toBe('résilier');
    // The overview's chips: a click shows why the signal is there.
    await message.getByRole('button', { name: /Discontent/ }).click();
    const why = message.locator('.evidence');
    await why.waitFor();
    expect(await why.textContent()).toContain('en panne');
    await browser!.screenshot('conversation-evidence');

    expect(conv.priority).not.toBe('urgent');
    await page.getByLabel('Priority').selectOption('urgent');
    await page.getByRole('button', { name: 'Change priority' }).click();
    await expect.poll(() => page.getByTestId('priority').textContent()).toBe('urgent');
    await page.getByLabel('Owner').selectOption({ label: 'Malik · support' });
    await page.getByRole('button', { name: 'Reassign' }).click();
    await expect.poll(() => page.getByTestId('owner').textContent()).toBe('Malik');
    const after = await app.database.db
      .selectFrom('conversations as c')
      .innerJoin('agents as a', 'a.id', 'c.assignee_id')
      .select(['c.priority', 'a.name'])
      .where('c.id', '=', conv.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ priority: 'urgent', name: 'Malik' });
    const kinds = await app.database.db
      .selectFrom('conversation_events')
      .select(['kind', 'actor'])
      .where('conversation_id', '=', conv.id)
      .where('kind', 'in', ['priority', 'assigned'])
      .orderBy('id')
      .execute();
    expect(kinds.slice(-2)).toEqual([
      { kind: 'priority', actor: 'Camille' },
      { kind: 'assigned', actor: 'Camille' },
    ]);
    await browser!.screenshot('conversation-reassigned');
    expect(browser!.errors).toEqual([]);
  });
});
