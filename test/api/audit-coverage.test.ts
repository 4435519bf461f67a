import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routeTable } from '../../api/app.js';
import { errorHandler } from '../../api/http-error.js';
import { registerRoutes, type Route } from '../../api/route.js';
import { createApiKey, type Principal } from '../../core/auth/api-keys.js';
import { createLogger } from '../../core/logger.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { waitFor } from '../support/test-db.js';

/**
 * The only writes that leave no audit entry, and why. Adding one here is a decision a reviewer
 * sees; a route the table does not know how to record is refused when the API starts.
 */
const UNRECORDED: Record<string, string> = {
  'post /session': 'a login; sessions and failed logins have their own tables',
  'delete /session': 'a logout of the caller’s own session',
  'post /classify': 'analyses the texts sent, stores nothing',
  'post /topics/validate': 'checks a query, stores nothing',
  'post /topics/preview': 'counts matches over stored mentions, stores nothing',
  'post /sources/test': 'fetches one page for proposed settings, stores nothing',
  'post /sources/preview': 'reads one feed or recorded response, stores nothing',
};

const PATH_ID = '4242';
/** What the stubbed handlers answer: an id for creations, and the fields some details read. */
const STUB_RESULT = { id: '77', version: 3, read: 0, created: 0, updated: 0, rejected: [] };

interface Entry {
  action: string;
  actor: { name: string; role: string };
  target: { type: string; id: string | null };
  details: Record<string, unknown>;
}

const key = (r: Route) => `${r.method} ${r.path}`;

describe('every change is in the audit log, generated from the route table', () => {
  let app: TestApp;
  let routes: Route[];

  beforeAll(async () => {
    app = await startTestApp({ workers: false });
    routes = routeTable(app.deps);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const entries = async (): Promise<Entry[]> =>
    (await app.database.db.selectFrom('audit_log').selectAll().orderBy('id').execute()).map(
      (r) => ({
        action: r.action,
        actor: { name: r.actor_name, role: r.actor_role },
        target: { type: r.target_type, id: r.target_id },
        details: r.details,
      }),
    );

  it('has every non-GET route declare its record, or a reason listed here for having none', () => {
    const writes = routes.filter((r) => r.method !== 'get');
    expect(writes.length).toBeGreaterThan(60);
    expect(writes.filter((r) => !r.audit).map(key)).toEqual([]);
    const unrecorded = writes.filter((r) => r.audit && 'unrecorded' in r.audit);
    expect(Object.fromEntries(unrecorded.map((r) => [key(r), expect.any(String)]))).toEqual(
      Object.fromEntries(Object.keys(UNRECORDED).map((k) => [k, expect.any(String)])),
    );
    for (const r of unrecorded) expect((r.audit as { unrecorded: string }).unrecorded).not.toBe('');
  });

  it('refuses to register a write that declares no record', () => {
    const bare: Route = {
      method: 'post',
      path: '/forgotten',
      tag: 'test',
      summary: 'a write nobody declared',
      roles: ['admin'],
      handler: async () => ({}),
    };
    expect(() => registerRoutes(express.Router(), [bare], app.database.db)).toThrow(
      'POST /forgotten declares no audit record',
    );
  });

  it('records each write that succeeds, with its action, target and caller, and nothing for the others', async () => {
    // Each handler is replaced by one that succeeds and records nothing itself, so what is
    // asserted is the table's own guarantee, route by route.
    const stubbed = routes
      .filter((r) => r.method !== 'get')
      .map((r): Route => ({
        ...r,
        query: z.record(z.string(), z.unknown()),
        body: r.body ? z.record(z.string(), z.unknown()) : undefined,
        handler: async () => ({ ...STUB_RESULT }),
      }));
    const caller: Principal = { keyId: '1', name: 'Ada (admin)', role: 'admin' };
    const api = express.Router();
    api.use(express.json());
    api.use((req, _res, next) => {
      req.principal = caller;
      next();
    });
    registerRoutes(api, stubbed, app.database.db);
    const server = express()
      .use('/api/v1', api)
      .use(errorHandler(createLogger('silent')));
    const listening: Server = await new Promise((resolve) => {
      const s = server.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/api/v1`;
    const missing: string[] = [];
    try {
      await app.database.db.deleteFrom('audit_log').execute();
      for (const r of stubbed) {
        const before = (await entries()).length;
        const res = await fetch(base + r.path.replace(/:\w+/g, PATH_ID), {
          method: r.method.toUpperCase(),
          headers: { 'content-type': 'application/json' },
          body: r.method === 'get' ? undefined : JSON.stringify({ secretish: 'tok-never-logged' }),
        });
        await res.arrayBuffer();
        expect(res.status, key(r)).toBeLessThan(300);
        const added = (await entries()).slice(before);
        const spec = r.audit!;
        if ('unrecorded' in spec) {
          if (added.length !== 0) missing.push(`${key(r)} recorded ${added.length} entries`);
          continue;
        }
        const id = r.path.includes(':') ? PATH_ID : STUB_RESULT.id;
        const ok =
          added.length === 1 &&
          added[0]!.action === spec.action &&
          added[0]!.target.type === spec.target &&
          added[0]!.target.id === id &&
          added[0]!.actor.name === caller.name;
        if (!ok) missing.push(`${key(r)} → ${JSON.stringify(added)}`);
        // Unless a route picks values known to be safe, only field names are recorded.
        if (!spec.details && JSON.stringify(added).includes('tok-never-logged'))
          missing.push(`${key(r)} copied a body value`);
      }
    } finally {
      await new Promise((resolve) => listening.close(resolve));
    }
    expect(missing).toEqual([]);
  });
});

describe('records of the settings and data that used to go unrecorded', () => {
  let app: TestApp;
  let analystKey: string;

  beforeAll(async () => {
    app = await startTestApp({ workers: false });
    analystKey = (await createApiKey(app.database.db, 'Ana (analyst)', 'analyst')).key;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    opts: { key?: string; type?: string } = {},
  ) => {
    const type = opts.type ?? 'application/json';
    const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${opts.key ?? app.adminKey}`,
        ...(body === undefined ? {} : { 'content-type': type }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    };
  };
  const log = async (action: string) =>
    app.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  it('records platform credentials and idea webhooks by field name, never their values', async () => {
    const source = await call('POST', '/sources', {
      kind: 'mastodon',
      name: 'Masto',
      config: { instance: 'https://mastodon.invalid', mode: 'hashtag', tag: 'velia' },
    });
    expect(source.status, JSON.stringify(source.body)).toBe(201);
    const token = 'tok-SECRET-credential-1234';
    expect(
      (await call('PUT', `/dialogue/sources/${source.body!.id}/credentials`, { token })).status,
    ).toBe(200);
    const hook = await call('POST', '/ideas/webhooks', {
      url: 'http://127.0.0.1:9/ideas?key=SECRET-in-url',
      secret: 'whsec-SECRET-signing',
    });
    expect(hook.status).toBe(201);
    expect((await call('DELETE', `/ideas/webhooks/${hook.body!.id}`)).status).toBe(204);

    const [cred] = await log('source.credentials');
    expect(cred).toMatchObject({
      target_type: 'source',
      target_id: source.body!.id,
      actor_role: 'admin',
      details: { fields: ['scheme', 'token'] },
    });
    const [added] = await log('idea_webhook.create');
    expect(added).toMatchObject({
      target_id: hook.body!.id,
      details: { fields: ['url', 'secret'] },
    });
    expect(await log('idea_webhook.delete')).toHaveLength(1);
    const all = await app.database.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(all)).not.toContain('SECRET');
  });

  it('records agents, brand accounts and dialogue settings', async () => {
    const agent = await call('POST', '/dialogue/agents', { name: 'Aga', capacity: 5 });
    expect(agent.status).toBe(201);
    expect(
      (await call('PATCH', `/dialogue/agents/${agent.body!.id}`, { capacity: 7 })).status,
    ).toBe(200);
    expect(
      (
        await call('PUT', '/dialogue/brand-accounts', {
          accounts: [{ platform: 'mastodon', handle: 'velia@mastodon.example' }],
        })
      ).status,
    ).toBe(200);
    expect(
      (await call('PATCH', '/dialogue/settings', { assignmentMode: 'least_loaded' })).status,
    ).toBe(200);
    expect((await log('agent.create'))[0]).toMatchObject({
      target_type: 'agent',
      target_id: agent.body!.id,
      details: { fields: ['name', 'capacity'] },
    });
    expect((await log('agent.update'))[0]).toMatchObject({ details: { fields: ['capacity'] } });
    expect(await log('brand_accounts.set')).toHaveLength(1);
    expect((await log('dialogue_settings.update'))[0]).toMatchObject({
      details: { fields: ['assignmentMode'] },
    });
  });

  it('records accounts created, edited, deleted and imported, with counts for an import', async () => {
    const created = await call(
      'POST',
      '/customers',
      { crmId: 'C-1', name: 'Acme' },
      { key: analystKey },
    );
    expect(created.status).toBe(201);
    const id = created.body!.id as string;
    expect(
      (await call('PATCH', `/customers/${id}`, { tier: 'gold' }, { key: analystKey })).status,
    ).toBe(200);
    const csv = 'crm_id,name\r\nC-2,Globex\r\nC-3,Initech\r\n';
    const imported = await call('POST', '/customers/import', csv, {
      key: analystKey,
      type: 'text/csv',
    });
    expect(imported.status).toBe(200);
    expect((await call('DELETE', `/customers/${id}`, undefined, { key: analystKey })).status).toBe(
      204,
    );

    expect((await log('customer.save'))[0]).toMatchObject({
      target_type: 'customer',
      target_id: id,
      actor_role: 'analyst',
    });
    expect((await log('customer.update'))[0]).toMatchObject({
      target_id: id,
      details: { fields: expect.arrayContaining(['tier']) },
    });
    expect((await log('customer.delete'))[0]).toMatchObject({ target_id: id });
    expect((await log('customer.import'))[0]!.details).toEqual({
      read: 2,
      created: 2,
      updated: 0,
      rejected: 0,
    });
    // Account names stay in the CRM tables; the log keeps what was done to which id.
    const all = await app.database.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(all)).not.toContain('Globex');
  });

  it('records the queue UI’s writes, which are outside the route table', async () => {
    const res = await fetch(`${app.baseUrl}/admin/queues/api/queues/maintenance/clean/completed`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${app.adminKey}` },
    });
    expect(res.status).toBeLessThan(300);
    await res.arrayBuffer();
    // Recorded once the response has gone out.
    const [entry] = await waitFor(
      'the queue UI record',
      async () => {
        const rows = await log('queue_ui.action');
        return rows.length > 0 ? rows : null;
      },
      5_000,
    );
    expect(entry).toMatchObject({
      actor_role: 'admin',
      target_type: 'queue',
      target_id: '/api/queues/maintenance/clean/completed',
      details: { method: 'PUT' },
    });
  });
});
