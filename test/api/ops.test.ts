import { Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { bullConnection } from '../../core/queue/redis.js';
import type { JobHealth } from '../../core/ops/job-health.js';
import { launchBrowser, signIn } from '../support/browser.js';
import { generateMentions } from '../support/generate-mentions.js';

const METRICS_TOKEN = 'prometheus-scrape-token-1234';

/** The value of one sample line of a Prometheus exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const body = line.slice(name.length + 1, line.lastIndexOf('}'));
    if (Object.entries(labels).every(([k, v]) => body.includes(`${k}="${v}"`))) {
      return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return undefined;
}

describe('operations endpoints', () => {
  let app: TestApp;
  const auth = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    app = await startTestApp({ workers: false, config: { METRICS_TOKEN } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses /metrics without credentials and to a reader key', async () => {
    expect((await fetch(`${app.baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.baseUrl}/metrics`, auth(app.readerKey))).status).toBe(401);
    expect((await fetch(`${app.baseUrl}/metrics`, auth('not-the-token'))).status).toBe(401);
  });

  it('exposes queue depths, stored mentions, source health and API latency by route template', async () => {
    const created = await fetch(`${app.baseUrl}/api/v1/sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'webhook', name: 'bridge' }),
    });
    const source = (await created.json()) as { id: string };
    await ingest(
      {
        db: app.database.db,
        queues: app.deps.queues,
        logger: app.deps.logger,
        analyzeBatchSize: 100,
      },
      { sourceId: source.id, mentions: generateMentions(250, 0), webhookEventId: 'e1' },
    );
    await app.database.db
      .updateTable('sources')
      .set({ status: 'failed' })
      .where('id', '=', source.id)
      .execute();
    expect(
      (await fetch(`${app.baseUrl}/api/v1/sources/${source.id}`, auth(app.adminKey))).status,
    ).toBe(200);
    expect((await fetch(`${app.baseUrl}/api/v1/sources/999999`, auth(app.adminKey))).status).toBe(
      404,
    );

    const res = await fetch(`${app.baseUrl}/metrics`, auth(METRICS_TOKEN));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    // 250 mentions in batches of 100: three analysis jobs waiting, no worker running.
    expect(sample(text, 'ecoute_queue_jobs', { queue: 'analyze', state: 'waiting' })).toBe(3);
    expect(sample(text, 'ecoute_queue_jobs', { queue: 'analyze', state: 'failed' })).toBe(0);
    expect(sample(text, 'ecoute_mentions_stored_total', { source_kind: 'webhook' })).toBe(250);
    expect(sample(text, 'ecoute_sources', { kind: 'webhook', status: 'failed' })).toBe(1);
    expect(sample(text, 'ecoute_up', { dependency: 'redis' })).toBe(1);
    expect(sample(text, 'ecoute_up', { dependency: 'postgres' })).toBe(1);
    const byTemplate = { route: '/api/v1/sources/:id', method: 'GET' };
    expect(
      sample(text, 'ecoute_http_request_duration_seconds_count', { ...byTemplate, status: '200' }),
    ).toBe(1);
    expect(
      sample(text, 'ecoute_http_request_duration_seconds_count', { ...byTemplate, status: '404' }),
    ).toBe(1);
    // Ids never become labels.
    expect(text).not.toContain(`/api/v1/sources/${source.id}"`);
    // An admin key may scrape too.
    expect((await fetch(`${app.baseUrl}/metrics`, auth(app.adminKey))).status).toBe(200);
  });

  it('serves the queue UI to admins only', async () => {
    expect((await fetch(`${app.baseUrl}/admin/queues`)).status).toBe(401);
    expect((await fetch(`${app.baseUrl}/admin/queues`, auth(app.readerKey))).status).toBe(403);
    const page = await fetch(`${app.baseUrl}/admin/queues`, auth(app.adminKey));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('__UI_CONFIG__');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const api = await fetch(
      `${app.baseUrl}/admin/queues/api/queues?activeQueue=analyze&status=latest&page=1`,
      auth(app.adminKey),
    );
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual([
      'analyze',
      'inbox',
      'maintenance',
      'poll',
    ]);
  });

  it('renders the queue UI in a browser signed in as an admin, under its policy', async () => {
    const browser = await launchBrowser();
    try {
      const { page } = browser;
      const login = await page.request.post(`${app.baseUrl}/api/v1/session`, {
        data: { apiKey: app.adminKey },
      });
      expect(login.status()).toBe(200);
      const res = await page.goto(`${app.baseUrl}/admin/queues`);
      expect(res?.status()).toBe(200);
      await page.getByText('analyze', { exact: false }).first().waitFor({ timeout: 15_000 });
      await browser.screenshot('queue-ui');
      // The web font link is refused by the policy (and unreachable offline); nothing else fails.
      expect(browser.errors.filter((e) => !/fonts\.googleapis/.test(e))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('shows a failed job and its reason on the health API and the sources page, to admins only', async () => {
    const health = async (key: string) => fetch(`${app.baseUrl}/api/v1/ops/health`, auth(key));
    expect((await fetch(`${app.baseUrl}/api/v1/ops/health`)).status).toBe(401);
    expect((await health(app.readerKey)).status).toBe(403);
    const before = (await (await health(app.adminKey)).json()) as JobHealth;
    expect(before.queues.find((q) => q.queue === 'maintenance')).toMatchObject({ failed: 0 });

    // One job fails for good, taken and failed by hand through BullMQ's manual-processing API.
    const maintenance = app.deps.queues.byName.maintenance;
    await maintenance.add(
      'drivers.emerging',
      { topicId: null },
      { jobId: 'emerging-1', attempts: 1 },
    );
    const worker = new Worker('maintenance', null, {
      connection: bullConnection(app.deps.config.REDIS_URL, 'worker'),
      prefix: app.deps.queues.settings.prefix,
    });
    try {
      const job = (await worker.getNextJob('ops-test')) as Job;
      await job.moveToFailed(
        new Error('relation "emerging_candidates" does not exist'),
        'ops-test',
      );
    } finally {
      await worker.close();
    }

    const after = (await (await health(app.adminKey)).json()) as JobHealth;
    expect(after.status).toBe('attention');
    expect(after.queues.find((q) => q.queue === 'maintenance')).toMatchObject({
      failed: 1,
      lastFailures: [
        {
          id: 'emerging-1',
          job: 'drivers.emerging',
          reason: 'relation "emerging_candidates" does not exist',
          attemptsMade: 1,
        },
      ],
    });

    const browser = await launchBrowser();
    try {
      const { page } = browser;
      await signIn(page, app.baseUrl, app.adminKey);
      await page.goto(`${app.baseUrl}/#/sources`);
      const panel = page.getByRole('region', { name: 'Background jobs' });
      await panel.getByText('1 failed').waitFor({ timeout: 15_000 });
      expect(await panel.locator('.failure-reason').innerText()).toBe(
        'relation "emerging_candidates" does not exist',
      );
      expect(await panel.locator('tr[data-queue="maintenance"] td').last().innerText()).toBe('1');
      await browser.screenshot('sources-job-health');
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
      await maintenance.clean(0, 100, 'failed');
    }
  });
});
