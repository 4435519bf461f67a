import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../core/auth/api-keys.js';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { launchBrowser, signIn, VIEWPORTS, type BrowserSession } from '../support/browser.js';
import { waitFor } from '../support/test-db.js';

const XSS = '<img src=x onerror="window.__xss=1"> ok, not sure';
const TEXTS = [
  'I love this app, thank you so much, the best support ever!',
  'Worst service ever, I am cancelling my subscription today, furious.',
  'ok',
  'The app updated last night.',
  XSS,
  'It would be great if you added a dark mode',
  "Le service client ne répond jamais, c'est honteux",
  'bof',
  'hmm, interesting change I guess',
  'Pas mal, mais peut mieux faire',
];

// The built dashboards (`npm run build:dashboards`) on the running app.
describe('the "teach Écoute" queue', () => {
  let app: TestApp;
  let analystKey: string;
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    app = await startTestApp();
    analystKey = (await createApiKey(app.database.db, 'Ana (analyst)', 'analyst')).key;
    await ingest(
      {
        db: app.database.db,
        queues: app.deps.queues,
        logger: app.deps.logger,
        analyzeBatchSize: 500,
      },
      {
        sourceId: null,
        mentions: TEXTS.map((text, i) => ({
          platform: 'mastodon',
          externalId: `q${i}`,
          text,
          links: [],
          publishedAt: new Date(Date.now() - i * 60_000),
        })),
      },
    );
    await app.waitForAnalysis();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const correction = (mentionId: string) =>
    app.database.db
      .selectFrom('label_corrections')
      .select(['task', 'label'])
      .where('mention_id', '=', mentionId)
      .execute();

  it(
    'labels the shown mention with one key press each, stored as corrections',
    { timeout: 120_000 },
    async () => {
      browser = await launchBrowser({ viewport: VIEWPORTS.desktop, enforceCspFor: app.baseUrl });
      const { page } = browser;
      await signIn(page, app.baseUrl, analystKey);
      await page.getByRole('link', { name: 'Teach Écoute' }).click();
      const card = page.locator('.teach-card');
      await card.waitFor({ timeout: 10_000 }).catch(async (e: unknown) => {
        await browser!.screenshot('teach-debug');
        throw e;
      });
      await page.locator('.teach-figures table').waitFor();
      await browser.screenshot('teach-desktop');

      const shown: string[] = [];
      const texts: string[] = [];
      const press = async (key: string) => {
        const id = (await card.getAttribute('data-mention'))!;
        texts.push((await page.locator('.teach-text').textContent()) ?? '');
        shown.push(id);
        await page.keyboard.press(key);
        await page.locator(`.teach-card:not([data-mention="${id}"])`).waitFor();
        return id;
      };
      const negative = await press('1');
      const skipped = await press('s');
      const dissatisfied = await press('d');
      const idea = await press('i');
      expect(new Set(shown).size).toBe(4);
      await waitFor('the four key presses to be stored', async () =>
        (await correction(idea)).length === 1 ? true : null,
      );
      expect(await correction(negative)).toEqual([{ task: 'sentiment', label: 'negative' }]);
      expect(await correction(skipped)).toEqual([]);
      expect(await correction(dissatisfied)).toEqual([{ task: 'dissatisfied', label: '1' }]);
      expect(await correction(idea)).toEqual([{ task: 'idea', label: '1' }]);
      await page.getByText('3 labels given in this session').waitFor();
      await page.locator('[data-testid="labels-total"]', { hasText: '3' }).waitFor();
      const row = page.locator('tr[data-model="sentiment-en"]');
      expect(await row.locator('td').nth(1).textContent()).toMatch(/^[01]$/);
      // An analyst does not retrain; the page says who does.
      expect(await page.getByRole('button', { name: 'Retrain' }).count()).toBe(0);
      await page.getByText('An admin retrains a model from the labels.').waitFor();

      // Social text is shown as text: the markup of a mention never becomes an element.
      for (let i = 0; i < 6 && !texts.includes(XSS); i++) await press('s');
      expect(texts).toContain(XSS);
      expect(await page.locator('.teach-card img').count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
      await browser.screenshot('teach-labelled');
      expect(browser.errors).toEqual([]);
    },
  );

  it(
    'lets an admin retrain from the labels and shows the figure move',
    { timeout: 120_000 },
    async () => {
      await browser?.close();
      browser = await launchBrowser({ viewport: VIEWPORTS.phone, enforceCspFor: app.baseUrl });
      const { page } = browser;
      await signIn(page, app.baseUrl, app.adminKey);
      await page.goto(`${app.baseUrl}/#/teach`);
      const row = page.locator('tr[data-model="sentiment-en"]');
      await row.waitFor();
      const before = await row.locator('[data-testid="macro-f1"]').textContent();
      await row.getByRole('button', { name: 'Retrain' }).click();
      const moved = page.locator('.teach-moved');
      await moved.waitFor({ timeout: 60_000 });
      expect(await moved.textContent()).toMatch(
        new RegExp(`Sentiment \\(en\\) retrained on 1 label: macro-F1 ${before} → \\d\\.\\d{3}`),
      );
      await row.locator('td', { hasText: /\d{4}/ }).waitFor();
      await browser.screenshot('teach-retrained-phone');
      expect(browser.errors).toEqual([]);
    },
  );
});
