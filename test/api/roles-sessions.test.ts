import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../core/auth/api-keys.js';
import { createUser } from '../../core/auth/users.js';
import { redisUrl } from '../support/pg-url.js';
import { runCli } from '../support/run-cli.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';

describe('people: users, passwords and sessions', () => {
  let app: TestApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ workers: false });
    env = {
      DATABASE_URL: app.database.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: app.config.QUEUE_PREFIX,
      ECOUTE_HOME: app.config.ECOUTE_HOME,
    };
  });
  afterAll(async () => {
    await app?.stop();
  });

  const login = (body: unknown, ip = '127.0.0.1') =>
    fetch(`${app.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify(body),
    });
  const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;

  it('creates a user from the CLI, printing a password once, with which the user logs in', async () => {
    const r = await runCli(
      ['users', 'create', '--email', 'Ines@Velia.example', '--name', 'Inès', '--role', 'analyst'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const password = r.stdout.trim();
    expect(password).toMatch(/^[\w-]{24}$/);
    const row = await app.database.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: 'ines@velia.example', role: 'analyst', disabled: false });
    expect(row.password_hash).not.toContain(password);

    const res = await login({ email: 'ines@velia.example', password });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: 'Inès', role: 'analyst' });
    const cookie = cookieOf(res);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/i);
    const me = await fetch(`${app.baseUrl}/api/v1/session`, { headers: { cookie } });
    expect(await me.json()).toEqual({ name: 'Inès', role: 'analyst' });
    // Analyst rights, not admin ones: alert rules yes, sources no.
    const write = (p: string, body: unknown) =>
      fetch(`${app.baseUrl}/api/v1${p}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-requested-with': 'ecoute' },
        body: JSON.stringify(body),
      });
    expect((await write('/sources', { kind: 'webhook', name: 'x' })).status).toBe(403);
    expect((await write('/alerts/rules', { nope: 1 })).status).toBe(400);
  });

  it('refuses a CLI role that does not exist, creates keys with the new roles and lists no user’s own row among keys', async () => {
    const bad = await runCli(
      ['users', 'create', '--email', 'x@y.example', '--name', 'X', '--role', 'root'],
      env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--role must be one of admin, analyst, agent, viewer');
    const keys = await runCli(['keys', 'create', '--name', 'ci', '--role', 'agent'], env);
    expect(keys.code, keys.stderr).toBe(0);
    const listed = await runCli(['keys', 'list'], env);
    expect(listed.stdout).toContain('\tagent\tactive\tci');
    expect(listed.stdout).not.toContain('Inès');
  });

  it('answers a wrong password and an unknown e-mail the same way, and a disabled user cannot log in', async () => {
    const { password } = await createUser(app.database.db, {
      email: 'leo@velia.example',
      name: 'Léo',
      role: 'viewer',
    });
    const wrong = await login({ email: 'leo@velia.example', password: 'nope' }, '10.0.0.2');
    const unknown = await login({ email: 'nobody@velia.example', password: 'nope' }, '10.0.0.2');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());

    const ok = await login({ email: 'leo@velia.example', password }, '10.0.0.2');
    const cookie = cookieOf(ok);
    await app.database.db
      .updateTable('users')
      .set({ disabled: true })
      .where('email', '=', 'leo@velia.example')
      .execute();
    expect((await fetch(`${app.baseUrl}/api/v1/session`, { headers: { cookie } })).status).toBe(
      401,
    );
    expect((await login({ email: 'leo@velia.example', password }, '10.0.0.2')).status).toBe(401);
  });

  it('throttles an e-mail after 5 failures from one address with 429 and Retry-After, but not others', async () => {
    const { password } = await createUser(app.database.db, {
      email: 'max@velia.example',
      name: 'Max',
      role: 'agent',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await login({ email: 'max@velia.example', password: `guess${i}` }, '10.0.0.3')).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const locked = await login({ email: 'max@velia.example', password }, '10.0.0.3');
    expect(locked.status).toBe(429);
    const retry = Number(locked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(800);
    expect(retry).toBeLessThanOrEqual(900);
    // The same e-mail from another address still logs in; the failures never reached 5 there.
    expect((await login({ email: 'max@velia.example', password }, '10.0.0.4')).status).toBe(200);
    const failures = await app.database.db
      .selectFrom('login_failures')
      .selectAll()
      .where('ip', '=', '10.0.0.3')
      .execute();
    expect(failures).toHaveLength(5);
  });

  it('refuses login bodies with fields besides the credentials (mass assignment)', async () => {
    const key = await createApiKey(app.database.db, 'v', 'viewer');
    const res = await login({ apiKey: key.key, role: 'admin' });
    expect(res.status).toBe(400);
    expect((await login({ apiKey: key.key })).status).toBe(200);
    expect(await (await login({ apiKey: key.key })).json()).toEqual({ name: 'v', role: 'viewer' });
  });
});
