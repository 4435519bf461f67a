import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routeTable } from '../../api/app.js';
import type { Route } from '../../api/route.js';
import { createApiKey } from '../../core/auth/api-keys.js';
import { ROLES, type Role } from '../../core/auth/roles.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';

// Generated from the route table: every route, every role. Allowed calls send a body with one
// field no schema names, so they stop at validation (400) and change nothing; routes without a
// body run on an id that does not exist.
const UNKNOWN_ID = '987654321';
const PROBE_BODY = { massAssigned: true };
/** POSTs that compute an answer and store nothing, open to every role. */
const STATELESS_POSTS = ['/classify'];

describe('roles, generated from the route table', () => {
  let app: TestApp;
  let routes: Route[];
  const keys = {} as Record<Role, string>;

  beforeAll(async () => {
    app = await startTestApp({ workers: false });
    const db = app.database.db;
    keys.admin = app.adminKey;
    keys.analyst = (await createApiKey(db, 'Ana (analyst)', 'analyst')).key;
    keys.viewer = (await createApiKey(db, 'Vic (viewer)', 'viewer')).key;
    const agent = await createApiKey(db, 'Aga (agent)', 'agent');
    keys.agent = agent.key;
    // The inbox acts as an agent only for keys a dialogue agent signs in with.
    await db.insertInto('agents').values({ name: 'Aga', api_key_id: agent.id }).execute();
    routes = routeTable(app.deps);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const send = (r: Route, role: Role) => {
    const path = r.path.replace(/:(\w+)/g, UNKNOWN_ID);
    const withBody = r.method !== 'get' && r.body !== undefined;
    return fetch(`${app.baseUrl}/api/v1${path}`, {
      method: r.method.toUpperCase(),
      headers: {
        authorization: `Bearer ${keys[role]}`,
        ...(withBody ? { 'content-type': 'application/json' } : {}),
      },
      body: withBody ? JSON.stringify(PROBE_BODY) : undefined,
    });
  };

  it('lets each role through exactly the routes that name it, and refuses the others with 403', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of routes) {
      if (r.roles === 'public') continue;
      for (const role of ROLES) {
        const res = await send(r, role);
        await res.arrayBuffer();
        const allowed = r.roles.includes(role);
        const refused = res.status === 403 || res.status === 401;
        if (allowed === refused) wrong.push(`${role} ${r.method} ${r.path} → ${res.status}`);
        checked += 1;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });

  it('gives admin every route, the viewer only reads, and the analyst and agent their own writes', () => {
    const guarded = routes.filter((r) => r.roles !== 'public');
    const writes = guarded.filter(
      (r) => r.method !== 'get' && r.path !== '/session' && !STATELESS_POSTS.includes(r.path),
    );
    expect(guarded.every((r) => (r.roles as readonly Role[]).includes('admin'))).toBe(true);
    expect(writes.filter((r) => (r.roles as readonly Role[]).includes('viewer'))).toEqual([]);
    const by = (role: Role) =>
      writes.filter((r) => (r.roles as readonly Role[]).includes(role)).map((r) => r.path);
    expect(by('analyst')).toEqual(
      expect.arrayContaining(['/alerts/rules', '/ideas/:id/merge', '/customers/:id/identities']),
    );
    // Listening is the analyst's: topics, their queries, checks and previews.
    expect(by('analyst')).toEqual(
      expect.arrayContaining(['/topics', '/topics/:id', '/topics/validate', '/topics/preview']),
    );
    // Where Écoute listens, and with which credentials, stays the admin's.
    for (const adminOnly of [
      '/sources',
      '/sources/:id',
      '/sources/test',
      '/sources/preview',
      '/sources/:id/poll',
    ])
      expect(by('analyst')).not.toContain(adminOnly);
    expect(by('analyst')).not.toContain('/dialogue/sources/:id/credentials');
    expect(by('agent')).toEqual(expect.arrayContaining(['/conversations/:id/replies']));
    expect(by('agent')).not.toContain('/ideas/:id/score');
    const exportsRoute = guarded.find((r) => r.path === '/influencers/export')!;
    expect(exportsRoute.roles).toEqual(['admin', 'analyst']);
  });

  it('answers an unknown id with 404 and the same error shape on every readable route with an id', async () => {
    const wrong: string[] = [];
    const idRoutes = routes.filter(
      (r) => r.method === 'get' && r.roles !== 'public' && /:\w*[iI]d\b/.test(r.path),
    );
    expect(idRoutes.length).toBeGreaterThan(10);
    for (const r of idRoutes) {
      const res = await send(r, 'admin');
      const body = (await res.json()) as {
        error?: { code?: string; message?: unknown; details?: unknown };
      };
      const shaped =
        body.error?.code === 'not_found' &&
        typeof body.error.message === 'string' &&
        Array.isArray(body.error.details);
      if (res.status !== 404 || !shaped)
        wrong.push(`${r.path} → ${res.status} ${JSON.stringify(body).slice(0, 80)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses, for every role allowed, a body field the route’s schema does not name', async () => {
    const lenient: string[] = [];
    for (const r of routes) {
      if (r.method === 'get' || !r.body || r.roles === 'public') continue;
      const role = r.roles[r.roles.length - 1]!;
      const res = await send(r, role);
      const body = (await res.json()) as { error?: { code?: string } };
      if (res.status !== 400 || body.error?.code !== 'validation_failed')
        lenient.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(lenient).toEqual([]);
  });

  it('declares every request body as closed objects all the way down', () => {
    const open: string[] = [];
    for (const r of routes) {
      if (!r.body) continue;
      const schema = z.toJSONSchema(r.body as z.ZodType, { io: 'input', unrepresentable: 'any' });
      for (const where of openObjects(schema, ''))
        open.push(`${r.method} ${r.path} ${where || '(body)'}`);
    }
    expect(open).toEqual([]);
  });
});

/** Paths of object schemas that accept properties they do not name (records excepted). */
function openObjects(s: unknown, at: string): string[] {
  if (!s || typeof s !== 'object') return [];
  const node = s as Record<string, unknown>;
  const found: string[] = [];
  if (node.type === 'object' && node.properties && node.additionalProperties !== false)
    found.push(at);
  for (const [k, v] of Object.entries(node)) {
    if (k === 'additionalProperties' && typeof v === 'object') continue;
    if (Array.isArray(v))
      v.forEach((item, i) => found.push(...openObjects(item, `${at}/${k}/${i}`)));
    else if (typeof v === 'object') found.push(...openObjects(v, `${at}/${k}`));
  }
  return found;
}
