import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshEmerging } from '../../core/drivers/emerging/emerging.service.js';
import { mainDriversForCustomers } from '../../core/drivers/driver-figures.js';
import { evaluateDriverSpikes } from '../../core/drivers/driver-spikes.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { waitFor } from '../support/test-db.js';

describe('drivers on the demo corpus, through the API', () => {
  let app: TestApp;
  const call = async (
    path: string,
    opts: { method?: string; body?: unknown; key?: string } = {},
  ) => {
    const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method: opts.method ?? 'GET',
      headers: {
        authorization: `Bearer ${opts.key ?? app.adminKey}`,
        'content-type': 'application/json',
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read many response shapes
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };

  beforeAll(async () => {
    app = await startTestApp({ demo: true });
    await app.waitForAnalysis(120_000);
    const db = app.database.db;
    await waitFor(
      'every dissatisfied mention to have its driver row',
      async () => {
        const r = await sql<{ missing: number }>`
          select count(*)::int as missing from mention_analyses x
          where x.dissatisfied and x.duplicate_of is null and x.lang in ('fr', 'en')
            and not exists (select 1 from mention_drivers d where d.mention_id = x.mention_id)`.execute(
          db,
        );
        return r.rows[0]!.missing === 0;
      },
      120_000,
    );
  }, 240_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('assigns drivers with the shipped taxonomy version, evidence and a share per driver', async () => {
    const tax = await call('/drivers/taxonomy', { key: app.readerKey });
    expect(tax.status).toBe(200);
    expect(tax.body.version).toBe(1);
    expect(tax.body.drivers.map((d: { key: string }) => d.key)).toContain('billing');
    const summary = await call('/drivers/summary?days=60', { key: app.readerKey });
    expect(summary.status).toBe(200);
    const billing = summary.body.items.find((i: { driver: string }) => i.driver === 'billing');
    expect(billing.count).toBeGreaterThan(3);
    const shares = summary.body.items.reduce((a: number, i: { share: number }) => a + i.share, 0);
    expect(shares).toBeCloseTo(1, 2);
    const drill = await call('/drivers/billing/mentions?days=60&limit=5', { key: app.readerKey });
    expect(drill.body.items).toHaveLength(5);
    expect(drill.body.items[0].taxonomyVersion).toBe(1);
    expect(drill.body.items.some((m: { evidence: unknown[] }) => m.evidence.length > 0)).toBe(true);
    const series = await call('/drivers/series?days=40', { key: app.readerKey });
    expect(series.body.days).toHaveLength(41);
    const seriesTotal = series.body.series
      .flatMap((s: { counts: number[] }) => s.counts)
      .reduce((a: number, b: number) => a + b, 0);
    expect(seriesTotal).toBe(summary.body.total);
  });

  it('stores a correction, applies it at once and keeps it through a re-assignment', async () => {
    const drill = await call('/drivers/unassigned/mentions?days=60&limit=1');
    const mentionId = drill.body.items[0].mentionId as string;
    const r = await call('/drivers/corrections', {
      method: 'POST',
      body: { mentionId, driver: 'price' },
      key: app.readerKey,
    });
    // Viewers read; analysts and admins correct.
    expect(r.status).toBe(403);
    const ok = await call('/drivers/corrections', {
      method: 'POST',
      body: { mentionId, driver: 'price' },
    });
    expect(ok.status).toBe(200);
    const bad = await call('/drivers/corrections', {
      method: 'POST',
      body: { mentionId, driver: 'nope' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('driver');
    const row = await app.database.db
      .selectFrom('mention_drivers')
      .selectAll()
      .where('mention_id', '=', mentionId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ driver_key: 'price', source: 'correction' });
  });

  it('ranks the app-update complaint first among emerging candidates and names it with one click', async () => {
    const db = app.database.db;
    const latest = await sql<{ at: Date }>`select max(published_at) as at from mentions`.execute(
      db,
    );
    // The demo's last days: the 5.0 update that deleted contacts and playlists.
    await refreshEmerging(db, {
      topicId: null,
      now: new Date(latest.rows[0]!.at.getTime() - 2 * 86_400_000),
      windowHours: 48,
    });
    const list = await call('/drivers/emerging', { key: app.readerKey });
    expect(list.status).toBe(200);
    const top = list.body.items[0];
    expect(top.phrases.map((p: { phrase: string }) => p.phrase).join(' ')).toMatch(
      /playlist|contact/,
    );
    expect(top.examples.length).toBeGreaterThan(0);
    const promoted = await call(`/drivers/emerging/${top.id}/promote`, {
      method: 'POST',
      body: { name: 'App 5.0 data loss' },
    });
    expect(promoted.status).toBe(201);
    expect(promoted.body.driver.key).toBe('app_5_0_data_loss');
    expect(promoted.body.taxonomyVersion).toBe(2);
    const again = await call(`/drivers/emerging/${top.id}/promote`, { method: 'POST', body: {} });
    expect(again.status).toBe(409);
    const tax = await call('/drivers/taxonomy');
    expect(tax.body.version).toBe(2);
    const added = tax.body.drivers.find((d: { key: string }) => d.key === 'app_5_0_data_loss');
    expect(added.phrases.fr.length + added.phrases.en.length).toBeGreaterThan(0);
    const v1 = await call('/drivers/taxonomy/versions/1');
    expect(v1.body.drivers.some((d: { key: string }) => d.key === 'app_5_0_data_loss')).toBe(false);
  });

  it("gives each account's main drivers for the churn board", async () => {
    const db = app.database.db;
    // A retrain queued by an earlier test re-assigns drivers in the background: let it finish so
    // both reads below see the same assignments.
    await waitFor(
      'background jobs to settle',
      async () => {
        const counts = await Promise.all(
          (['analyze', 'inbox', 'maintenance'] as const).map((q) =>
            app.deps.queues.byName[q].getJobCounts('active', 'waiting', 'prioritized'),
          ),
        );
        return (
          counts.every((c) => (c.active ?? 0) + (c.waiting ?? 0) + (c.prioritized ?? 0) === 0) ||
          null
        );
      },
      60_000,
    );
    const linked = await sql<{ customer_id: string }>`
      select distinct i.customer_id from customer_identities i join mentions m on m.author_id = i.author_id
      join mention_drivers d on d.mention_id = m.id and d.driver_key is not null where i.status = 'confirmed'`.execute(
      db,
    );
    expect(linked.rows.length).toBeGreaterThan(0);
    const ids = linked.rows.map((r) => r.customer_id);
    const main = await mainDriversForCustomers(db, ids, { days: 365 });
    expect([...main.keys()].sort()).toEqual([...ids].sort());
    const one = await call(`/drivers/accounts/${ids[0]}?days=365`, { key: app.readerKey });
    expect(one.body.drivers[0]).toEqual(main.get(ids[0]!)![0]);
    const seg = await call('/drivers/segments?by=tier&days=365', { key: app.readerKey });
    expect(seg.body.items.length).toBeGreaterThan(0);
  });

  it('fires a driver-spike alert rule once per bucket', async () => {
    const db = app.database.db;
    const latest = await sql<{ at: Date }>`select max(m.published_at) as at from mentions m
      join mention_drivers d on d.mention_id = m.id where d.driver_key = 'billing'`.execute(db);
    await db
      .insertInto('alert_rules')
      .values({
        name: 'billing spike',
        kind: 'driver_spike',
        params: JSON.stringify({
          driverKey: 'billing',
          bucketMinutes: 1440,
          windowBuckets: 10,
          zScore: 0.5,
          minCount: 1,
        }),
        channel: 'webhook',
        target: 'http://127.0.0.1:9/hook',
      })
      .execute();
    const now = new Date(latest.rows[0]!.at.getTime() + 60_000);
    const first = await evaluateDriverSpikes(app.deps, now);
    const second = await evaluateDriverSpikes(app.deps, now);
    expect(first.events).toHaveLength(1);
    expect(second.events).toHaveLength(0);
    const ev = await db
      .selectFrom('alert_events')
      .selectAll()
      .where('id', '=', first.events[0]!)
      .executeTakeFirstOrThrow();
    expect(ev.subject).toBe('driver:billing');
    expect((ev.payload as { driver: { key: string } }).driver.key).toBe('billing');
  });
  it('keeps the target precision a taxonomy version chooses its calibrated thresholds for', async () => {
    const current = await call('/drivers/taxonomy');
    // The default (0.7), carried over by every version written since, such as the promotion above.
    expect(current.body.targetPrecision).toBe(0.7);
    const bad = await call('/drivers/taxonomy', {
      method: 'PUT',
      body: { drivers: current.body.drivers, targetPrecision: 1.5 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('targetPrecision');
    const saved = await call('/drivers/taxonomy', {
      method: 'PUT',
      body: { drivers: current.body.drivers, targetPrecision: 0.85 },
    });
    expect(saved.status).toBe(200);
    const row = await app.database.db
      .selectFrom('driver_taxonomies')
      .select(['version', 'target_precision', 'min_score'])
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(current.body.version + 1);
    expect(row.target_precision).toBeCloseTo(0.85, 5);
    expect(row.min_score).toBeCloseTo(current.body.minScore, 5);
  });
});
