import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeInfluence } from '../../core/influence/influence.service.js';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { apiCall } from '../support/api-call.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { launchBrowser, signIn, VIEWPORTS, type BrowserSession } from '../support/browser.js';

/**
 * Stored XSS on every dashboard page: hostile markup and `javascript:` URLs are seeded wherever a
 * person or a platform can put text (mentions, authors, profiles, ideas, customers, conversation
 * messages and notes, drivers, alert rules, sources, topics, agents), then each page is visited.
 * Each payload sets `window.__xss` or opens a dialog if it ever runs.
 */
const hostile = (tag: string) =>
  `${tag} <img src=x onerror="window.__xss='${tag}'"><script>window.__xss='${tag}'</script>` +
  `<svg onload="alert('${tag}')"></svg>`;
/** The same, short enough for 100-character names. */
const short = (tag: string) => `${tag}<img src=x onerror=alert('${tag}')>`;
const JS_URLS = [
  `javascript:window.__xss='url'`,
  ` JaVaScRiPt:alert('url2')`,
  `data:text/html,<script>alert('data')</script>`,
  `vbscript:msgbox('vb')`,
];

describe('stored XSS payloads on every dashboard page', () => {
  let app: TestApp;
  let browser: BrowserSession | undefined;
  const ids: Record<string, string> = {};

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await apiCall<Record<string, unknown> | undefined>(app, method, path, body);
    expect(
      res.status,
      `${method} ${path}: ${JSON.stringify(res.body)?.slice(0, 300)}`,
    ).toBeLessThan(300);
    return (res.body ?? null) as Record<string, unknown>;
  };

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.database.db;
    const now = Date.now();
    const author = (i: number) => ({
      id: `mallory-${i}`,
      handle: `mallory${i}"><img src=x onerror=window.__xss='handle${i}'>`,
      name: hostile(`name${i}`),
      followers: 1_000 * (i + 1),
      profileUrl: JS_URLS[i % JS_URLS.length],
    });
    await ingest(
      { db, queues: app.deps.queues, logger: app.deps.logger, analyzeBatchSize: 100 },
      {
        sourceId: null,
        mentions: [
          {
            platform: 'mastodon',
            externalId: 'xss-root',
            url: JS_URLS[0],
            text: `Vélia ma box coupe encore, je résilie ! ${hostile('text')}`,
            links: [JS_URLS[1]!],
            publishedAt: new Date(now - 3_600_000),
            author: author(0),
          },
          {
            platform: 'mastodon',
            externalId: 'xss-reply',
            url: JS_URLS[2],
            text: `@mallory0 pareil, Vélia est injoignable ${hostile('reply')}`,
            links: [],
            publishedAt: new Date(now - 3_000_000),
            parentId: 'xss-root',
            author: author(1),
          },
          {
            platform: 'mastodon',
            externalId: 'xss-idea',
            url: null,
            text: `Ce serait bien que Vélia propose un mode hors ligne ${hostile('idea-text')}`,
            links: [],
            publishedAt: new Date(now - 2_000_000),
            author: author(2),
          },
          {
            platform: 'mastodon',
            externalId: 'xss-question',
            url: JS_URLS[3],
            text: `@velia comment je fais pour résilier ? ${hostile('question')}`,
            links: [],
            publishedAt: new Date(now - 1_000_000),
            quotedId: 'xss-root',
            author: author(3),
          },
        ],
      },
    );
    await app.waitForAnalysis();
    const mentions = await db.selectFrom('mentions').select(['id', 'external_id']).execute();
    const mention = (ext: string) => mentions.find((m) => m.external_id === ext)!.id;
    const authors = await db.selectFrom('authors').select(['id', 'external_id']).execute();
    const authorId = (i: number) => authors.find((a) => a.external_id === `mallory-${i}`)!.id;

    await call('POST', '/topics', { name: hostile('topic'), query: 'velia OR vélia' });
    const source = await call('POST', '/sources', { kind: 'webhook', name: hostile('source') });
    await db
      .updateTable('sources')
      .set({ last_error: hostile('source-error') })
      .where('id', '=', source.id as string)
      .execute();

    const customer = await call('POST', '/customers', {
      crmId: 'XSS-1',
      name: hostile('customer'),
      owner: short('owner'),
      plan: short('plan'),
      tier: 'gold',
      value: 120_000,
    });
    ids.customer = customer.id as string;
    await call('POST', `/customers/${ids.customer}/identities`, { authorId: authorId(0) });
    const other = await call('POST', '/customers', { crmId: 'XSS-2', name: hostile('customer2') });
    await db
      .insertInto('customer_identities')
      .values({
        customer_id: other.id as string,
        author_id: authorId(1),
        status: 'suggested',
        method: 'name',
        confidence: 0.7,
        evidence: JSON.stringify([hostile('evidence')]) as never,
      })
      .execute();
    await call('POST', '/customers/risk/recompute', {});

    const idea = await call('POST', '/ideas', {
      title: hostile('idea-title'),
      description: hostile('idea-description'),
    });
    ids.idea = idea.id as string;
    await call('PUT', `/ideas/${ids.idea}/score`, {
      feasibility: 3,
      impact: 4,
      comment: hostile('score-comment'),
    });
    await call('POST', `/ideas/${ids.idea}/leaders`, {
      authorId: authorId(0),
      note: hostile('leader-note'),
    });
    const settings = (await call('GET', '/ideas/settings')) as { statuses?: { key: string }[] };
    const next = settings.statuses?.[1]?.key;
    if (next)
      await call('POST', `/ideas/${ids.idea}/status`, { status: next, reason: hostile('reason') });

    await call('POST', '/dialogue/agents', { name: hostile('agent'), team: short('team') });
    const conversation = await call('POST', '/conversations', { mentionId: mention('xss-root') });
    ids.conversation = conversation.id as string;
    await call('POST', `/conversations/${ids.conversation}/notes`, { text: hostile('note') });
    await call('POST', '/conversations', { mentionId: mention('xss-question') });

    await call('PUT', '/drivers/taxonomy', {
      drivers: [
        {
          key: 'network',
          name: short('driver'),
          description: hostile('driver-description'),
          phrases: { fr: [short('phrase'), 'la box coupe'], en: ['the router drops'] },
        },
        {
          key: 'billing',
          name: short('driver2'),
          phrases: { fr: ['double prélèvement'], en: [hostile('phrase-en').slice(0, 200)] },
        },
      ],
    });
    await call('POST', '/alerts/rules', {
      name: hostile('rule'),
      kind: 'risk_threshold',
      channel: 'webhook',
      target: 'http://127.0.0.1:9/hook',
      params: { threshold: 1 },
    });
    await computeInfluence({ db }, { topicId: null, windowDays: 30 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('renders every page with the payloads as text: no script runs, no dialog opens, no javascript: link', async () => {
    browser = await launchBrowser({ viewport: VIEWPORTS.desktop });
    const { page } = browser;
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(page, app.baseUrl, app.adminKey);
    // Panels that open on a click show social text too: an author's mentions, a topic's preview.
    const open = (name: string) => async () => {
      await page.getByRole('button', { name, exact: true }).first().click();
    };
    const pages: [name: string, hash: string, shows: string, action?: () => Promise<void>][] = [
      ['overview', '/', 'text <img'],
      ['inbox', '/inbox', 'reply <img'],
      ['conversation', `/conversation?id=${ids.conversation}`, 'note <img'],
      ['churn', '/churn', 'customer <img'],
      ['account', `/account?id=${ids.customer}`, 'customer <img'],
      ['drivers', '/drivers', 'driver<img'],
      ['influencers', '/influencers', 'name0 <img'],
      ['influencer mentions', '/influencers', 'Vélia', open('Show')],
      ['driver mentions', '/drivers?driver=network', ''],
      ['ideas board', '/ideas', 'idea-title <img'],
      ['ideas queue', '/ideas?view=queue', ''],
      ['ideas grid', '/ideas?view=grid', 'idea-title <img'],
      ['ideas roadmap', '/ideas?view=roadmap', 'idea-title <img'],
      ['idea page', `/ideas?id=${ids.idea}`, 'idea-description <img'],
      ['response times', '/dialogue-reports', ''],
      ['identities', '/identities', 'customer2 <img'],
      ['alerts', '/alerts', 'rule <img'],
      ['sources', '/sources', 'source <img'],
      ['topics', '/topics', 'topic <img'],
      ['topic preview', '/topics', 'text <img', open('Edit')],
      ['teach', '/teach', '<img'],
    ];
    const problems: string[] = [];
    for (const [name, hash, shows, action] of pages) {
      await page.goto(`${app.baseUrl}/#${hash}`);
      await page.locator('main').waitFor();
      await page.waitForLoadState('networkidle');
      if (action) {
        await action().catch(() => problems.push(`${name}: could not open the panel`));
        await page.waitForLoadState('networkidle');
      }
      if (shows) {
        // The payload is on the page as the characters that were sent.
        await page
          .locator('main', { hasText: shows })
          .waitFor({ timeout: 10_000 })
          .catch(() => problems.push(`${name}: "${shows}" never shown as text`));
      }
      const injected = await page
        .locator('main img[src="x"], main svg[onload], main script, main [onerror], main [onload]')
        .count();
      if (injected > 0) problems.push(`${name}: ${injected} injected elements`);
      const hrefs = await page
        .locator('a[href], area[href], [src], form[action]')
        .evaluateAll((els) =>
          els.map(
            (e) =>
              e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? '',
          ),
        );
      const live = hrefs.filter((h) => /^\s*(javascript|data|vbscript):/i.test(h));
      if (live.length > 0) problems.push(`${name}: live links ${live.join(', ')}`);
      // Clicking every link that came from social text still runs nothing.
      for (const a of await page.locator('main a[target="_blank"]').all())
        await a.click({ modifiers: ['Alt'], timeout: 1_000 }).catch(() => undefined);
      const ran = await page.evaluate(() => (globalThis as { __xss?: string }).__xss);
      if (ran !== undefined) problems.push(`${name}: script ran (${ran})`);
      await browser.screenshot(`xss-${name.replace(/ /g, '-')}`);
    }
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(browser.errors).toEqual([]);
  }, 240_000);
});
