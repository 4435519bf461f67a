import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';

/**
 * Every URL a user can set through the API, each with the field its refusal must name. Source
 * settings are checked at creation, at edit and by the dry run (`/sources/test`); alert and idea
 * webhooks at creation (and alert targets at edit). A customer's `website` is only parsed for its
 * domain (identity matching), never requested, so it is not in this table.
 */
interface Target {
  name: string;
  field: string;
  /** The request that sets `url`; `ids` holds the ids of the rows made in `beforeAll`. */
  request(url: string, ids: Ids): [method: string, path: string, body: unknown];
}
type Ids = Record<string, string>;

const CONNECTORS: { kind: string; key: string; rest: Record<string, unknown> }[] = [
  { kind: 'rss', key: 'url', rest: {} },
  { kind: 'mastodon', key: 'instance', rest: { mode: 'hashtag', tag: 'velia' } },
  { kind: 'reddit', key: 'baseUrl', rest: { mode: 'subreddit', subreddit: 'france' } },
  { kind: 'hackernews', key: 'baseUrl', rest: { query: 'velia' } },
  { kind: 'bluesky', key: 'baseUrl', rest: { query: 'velia' } },
];
/** Public-looking settings each source starts with, before an edit tries to point it inside. */
const SAFE_URL = 'https://feeds.example.org/velia';

const TARGETS: Target[] = [
  ...CONNECTORS.flatMap(({ kind, key, rest }): Target[] => [
    {
      name: `${kind} ${key} at creation`,
      field: `config.${key}`,
      request: (url) => [
        'POST',
        '/sources',
        { kind, name: 'ssrf', config: { ...rest, [key]: url } },
      ],
    },
    {
      name: `${kind} ${key} in a dry run`,
      field: `config.${key}`,
      request: (url) => ['POST', '/sources/test', { kind, config: { ...rest, [key]: url } }],
    },
    {
      name: `${kind} ${key} at edit`,
      field: `config.${key}`,
      request: (url, ids) => [
        'PATCH',
        `/sources/${ids[kind]}`,
        { config: { ...rest, [key]: url } },
      ],
    },
  ]),
  {
    name: 'alert webhook target at creation',
    field: 'target',
    request: (url) => [
      'POST',
      '/alerts/rules',
      {
        name: 'ssrf',
        kind: 'risk_threshold',
        channel: 'webhook',
        target: url,
        params: { threshold: 70 },
      },
    ],
  },
  {
    name: 'alert webhook target at edit',
    field: 'target',
    request: (url, ids) => ['PATCH', `/alerts/rules/${ids.rule}`, { target: url }],
  },
  {
    name: 'idea webhook subscription',
    field: 'url',
    request: (url) => ['POST', '/ideas/webhooks', { url, secret: 'a-signing-secret' }],
  },
];

/**
 * Addresses a user-set URL must never reach. `P` is the port of a sentinel listening on every
 * loopback address, so "before any connection" is asserted, not assumed.
 */
const matrix = (p: number) => [
  // loopback, in the forms the WHATWG parser turns into 127.0.0.1
  `http://127.0.0.1:${p}/feed`,
  `http://localhost:${p}/feed`,
  `http://127.1:${p}/feed`,
  `http://2130706433:${p}/feed`,
  `http://0x7f000001:${p}/feed`,
  `http://0x7f.0.0.1:${p}/feed`,
  `http://0177.0.0.1:${p}/feed`,
  `http://0.0.0.0:${p}/feed`,
  // private and shared ranges
  'http://10.0.0.1/feed',
  'http://172.16.0.1/feed',
  'http://192.168.1.1/feed',
  'http://100.64.0.1/feed',
  // link-local and the cloud metadata service, dotted and decimal
  'http://169.254.169.254/latest/meta-data/',
  'http://2852039166/latest/meta-data/',
  'http://0xa9fea9fe/latest/meta-data/',
  'http://169.254.1.1/feed',
  // IPv6: loopback, unspecified, unique-local fc00::/7, link-local fe80::/10, IPv4-mapped
  `http://[::1]:${p}/feed`,
  `http://[::]:${p}/feed`,
  'http://[fc00::1]/feed',
  'http://[fd12:3456:789a::1]/feed',
  'http://[fe80::1]/feed',
  'http://[febf::1]/feed',
  `http://[::ffff:127.0.0.1]:${p}/feed`,
  'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
  'http://[::ffff:10.0.0.1]/feed',
  // credentials, and schemes that are not http(s)
  `http://user:pass@127.0.0.1:${p}/feed`,
  'file:///etc/passwd',
  `gopher://127.0.0.1:${p}/_INFO`,
  `dict://127.0.0.1:${p}/info`,
  'ftp://10.0.0.1/feed',
  'javascript:alert(1)',
  'data:text/plain,hello',
];

/** Counts TCP connections, on IPv6 and IPv4 loopback alike; answers a redirect when asked. */
async function sentinel(location?: () => string) {
  let connections = 0;
  const server: Server = createServer((_req, res) => {
    if (location) res.writeHead(302, { location: location() }).end();
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('reached');
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '::', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('the SSRF address matrix against every URL a user can set', () => {
  let app: TestApp;
  let trap: Awaited<ReturnType<typeof sentinel>>;
  const ids: Ids = {};

  const send = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const rows = async () => {
    const db = app.database.db;
    const n = async (table: 'sources' | 'alert_rules' | 'idea_webhooks') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      sources: await n('sources'),
      rules: await n('alert_rules'),
      hooks: await n('idea_webhooks'),
    };
  };

  beforeAll(async () => {
    // No allow-list: the test's own loopback servers are as forbidden as anyone's. The matrix
    // is several hundred requests: the per-key limit is lifted for it.
    app = await startTestApp({
      workers: false,
      config: { OUTBOUND_ALLOW_HOSTS: [], RATE_LIMIT_MAX: 100_000 },
    });
    trap = await sentinel();
    for (const { kind, key, rest } of CONNECTORS) {
      const made = await send('POST', '/sources', {
        kind,
        name: `${kind} to edit`,
        config: { ...rest, [key]: SAFE_URL },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      ids[kind] = made.body.id as string;
    }
    const rule = await send('POST', '/alerts/rules', {
      name: 'public',
      kind: 'risk_threshold',
      channel: 'webhook',
      target: 'https://hooks.example.org/ecoute',
      params: { threshold: 70 },
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    ids.rule = rule.body.id as string;
  });
  afterAll(async () => {
    await trap?.close();
    await app?.stop();
  });

  it.each(TARGETS.map((t) => [t.name, t] as const))(
    'refuses every address of the matrix as the %s, with 400 naming the field',
    async (_name, target) => {
      const before = await rows();
      const lenient: string[] = [];
      for (const url of matrix(trap.port)) {
        const [method, path, body] = target.request(url, ids);
        const res = await send(method, path, body);
        const error = res.body.error as { details?: { field: string }[] } | undefined;
        const fields = error?.details?.map((d) => d.field) ?? [];
        if (res.status !== 400 || !fields.includes(target.field))
          lenient.push(`${url} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      }
      expect(lenient).toEqual([]);
      expect(trap.connections()).toBe(0);
      expect(await rows()).toEqual(before);
    },
  );

  it('keeps the settings of the sources and the rule that edits tried to point inside', async () => {
    const sources = await app.database.db.selectFrom('sources').select(['id', 'config']).execute();
    for (const { kind, key } of CONNECTORS) {
      const row = sources.find((s) => s.id === ids[kind])!;
      expect((row.config as Record<string, unknown>)[key]).toBe(SAFE_URL);
    }
    const rule = await app.database.db
      .selectFrom('alert_rules')
      .select('target')
      .where('id', '=', ids.rule!)
      .executeTakeFirstOrThrow();
    expect(rule.target).toBe('https://hooks.example.org/ecoute');
  });
});

describe('a permitted host that redirects to a private address', () => {
  let app: TestApp;
  let trap: Awaited<ReturnType<typeof sentinel>>;
  let redirector: Awaited<ReturnType<typeof sentinel>>;

  beforeAll(async () => {
    // Only the name "localhost" is permitted (as OUTBOUND_ALLOW_HOSTS permits a test host);
    // the literal loopback address it redirects to is not.
    app = await startTestApp({ workers: false, config: { OUTBOUND_ALLOW_HOSTS: ['localhost'] } });
    trap = await sentinel();
    redirector = await sentinel(() => `http://127.0.0.1:${trap.port}/inside`);
  });
  afterAll(async () => {
    await redirector?.close();
    await trap?.close();
    await app?.stop();
  });

  // A redirect is only seen by connecting to the first host; each hop is checked before its own
  // connection, so the private address is never reached.
  it.each(CONNECTORS.map((c) => [c.kind, c] as const))(
    'stops the %s dry run at the hop, before connecting inside',
    async (_kind, { kind, key, rest }) => {
      const url = `http://localhost:${redirector.port}/start`;
      const res = await fetch(`${app.baseUrl}/api/v1/sources/test`, {
        method: 'POST',
        headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind, config: { ...rest, [key]: url } }),
      });
      const body = (await res.json()) as { ok: boolean; error?: { code: string; reason: string } };
      expect(res.status).toBe(200);
      expect(body.ok).toBe(false);
      expect(body.error!.code).toBe('blocked_url');
      expect(redirector.connections()).toBeGreaterThan(0);
      expect(trap.connections()).toBe(0);
    },
  );
});
