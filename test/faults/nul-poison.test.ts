import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../api/app.js';
import { importRecords, importSource } from '../../core/ingestion/file-import.js';
import { refusedItem } from '../../core/ingestion/refused-item.js';
import { signWebhook } from '../../core/ingestion/webhook-signature.js';
import type { NormalizedMention } from '../../core/mentions/normalized-mention.js';
import { pollSource } from '../../core/sources/poll.service.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';

const NUL = '\u0000';
const LONE = '\uD800';

/** Every route of the table with "%00" in each path parameter, query field and body field. */
function poisonedRequests(app: TestApp) {
  const routes = routeTable({
    config: app.config,
    db: app.database.db,
    queues: app.deps.queues,
    secrets: app.deps.secrets,
    logger: app.deps.logger,
  });
  return routes.map((r) => {
    const path = r.path.replace(/:\w+/g, '%00');
    const queryKeys = ['q', ...shapeKeys(r.query)];
    const query = queryKeys.map((k) => `${k}=%00`).join('&');
    const body = Object.fromEntries(shapeKeys(r.body).map((k) => [k, `x${NUL}${LONE}`]));
    return { method: r.method.toUpperCase(), url: `${path}?${query}`, body };
  });
}

function shapeKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

describe('NUL and unpaired surrogates at every entry point', () => {
  let app: TestApp;
  let feeds: FeedServer;
  const headers = (key: string) => ({
    authorization: `Bearer ${key}`,
    'content-type': 'application/json',
  });

  beforeAll(async () => {
    app = await startTestApp({ workers: false, config: { RATE_LIMIT_MAX: 100_000 } });
    feeds = await startFeedServer();
  });
  afterAll(async () => {
    await feeds?.close();
    await app?.stop();
  });

  // One request per route of the table: slow on a loaded machine.
  it(
    'answers every route of the API with NUL in every parameter and body field without a 500',
    {
      timeout: 120_000,
    },
    async () => {
      const answers: string[] = [];
      for (const r of poisonedRequests(app)) {
        const res = await fetch(`${app.baseUrl}/api/v1${r.url}`, {
          method: r.method,
          headers: { ...headers(app.adminKey), 'x-requested-with': 'ecoute' },
          body: r.method === 'GET' ? undefined : JSON.stringify(r.body),
        });
        await res.arrayBuffer();
        if (res.status >= 500) answers.push(`${r.method} ${r.url} -> ${res.status}`);
      }
      expect(answers).toEqual([]);
    },
  );

  it('cleans NUL from search words, logins, cookies and stored names', async () => {
    const search = await fetch(`${app.baseUrl}/api/v1/mentions?q=%00`, {
      headers: headers(app.readerKey),
    });
    expect(search.status).toBeLessThan(500);
    const keyLogin = await fetch(`${app.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: `ek_${NUL}` }),
    });
    expect(keyLogin.status).toBe(401);
    const passwordLogin = await fetch(`${app.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `a${NUL}@x.test`, password: `p${NUL}` }),
    });
    expect(passwordLogin.status).toBe(401);
    const cookie = await fetch(`${app.baseUrl}/api/v1/session`, {
      headers: { cookie: 'ecoute_session=%00abc' },
    });
    expect(cookie.status).toBe(401);
    const topic = await fetch(`${app.baseUrl}/api/v1/topics`, {
      method: 'POST',
      headers: headers(app.adminKey),
      body: JSON.stringify({ name: `Box${NUL} fibre${LONE}`, query: 'box' }),
    });
    expect(topic.status).toBe(201);
    const row = await app.database.db
      .selectFrom('topics')
      .select('name')
      .where('id', '=', ((await topic.json()) as { id: string }).id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Box fibre\uFFFD');
  });

  it('imports a CRM export with NUL in its cells, keeping every line with a warning', async () => {
    const csv = `crm_id,name,email\nC-1,Acme${NUL} SA,a@acme.test\nC-2,Bolt,b${NUL}@bolt.test\n`;
    const res = await fetch(`${app.baseUrl}/api/v1/customers/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(200);
    const summary = (await res.json()) as { created: number; warnings: { line: number }[] };
    expect(summary.created).toBe(2);
    expect(summary.warnings.map((w) => w.line)).toEqual([2, 3]);
    const names = await app.database.db
      .selectFrom('customers')
      .select('name')
      .orderBy('name')
      .execute();
    expect(names.map((n) => n.name)).toEqual(['Acme SA', 'Bolt']);
  });

  it('stores a webhook delivery with NUL in every field, cleaned, and counts it in the source health', async () => {
    const created = await fetch(`${app.baseUrl}/api/v1/sources`, {
      method: 'POST',
      headers: headers(app.adminKey),
      body: JSON.stringify({ kind: 'webhook', name: 'poisoned' }),
    });
    const { id, webhookSecret } = (await created.json()) as { id: string; webhookSecret: string };
    const mention = (n: number) => ({
      platform: 'zendesk',
      externalId: `nul-${n}${NUL}`,
      url: `https://help.example/${n}${NUL}`,
      title: `Titre${NUL}${LONE}`,
      text: `Ma box${NUL} ne marche plus ${n}`,
      parentId: n === 2 ? `nul-1${NUL}` : null,
      author: {
        id: `a${n}${NUL}`,
        handle: `client${NUL}${n}`,
        name: `Zoë${NUL}`,
        profileUrl: `https://help.example/u/${n}${NUL}`,
      },
      publishedAt: '2026-11-20T10:00:00Z',
      raw: { [`key${NUL}`]: [`v${NUL}`, LONE] },
    });
    const body = JSON.stringify({ eventId: `evt${NUL}`, mentions: [mention(1), mention(2)] });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${app.baseUrl}/api/v1/ingest`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ecoute-source': id,
        'x-ecoute-timestamp': String(ts),
        'x-ecoute-signature': signWebhook(webhookSecret, ts, body),
      },
      body,
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ stored: 2 });
    const rows = await app.database.db
      .selectFrom('mentions as m')
      .innerJoin('authors as a', 'a.id', 'm.author_id')
      .select(['m.external_id', 'm.title', 'm.parent_external_id', 'a.handle', 'm.raw'])
      .where('m.source_id', '=', id)
      .orderBy('m.external_id')
      .execute();
    expect(rows.map((r) => [r.external_id, r.title, r.parent_external_id, r.handle])).toEqual([
      ['nul-1', 'Titre\uFFFD', null, 'client1'],
      ['nul-2', 'Titre\uFFFD', 'nul-1', 'client2'],
    ]);
    expect(rows[0]!.raw).toEqual({ key: ['v', '\uFFFD'] });
    const source = await fetch(`${app.baseUrl}/api/v1/sources/${id}`, {
      headers: headers(app.adminKey),
    });
    expect(((await source.json()) as { sanitizedTotal: number }).sanitizedTotal).toBeGreaterThan(
      10,
    );
  });

  it('answers a webhook delivery with a count out of Postgres range with 400 naming the item and field', async () => {
    const created = await fetch(`${app.baseUrl}/api/v1/sources`, {
      method: 'POST',
      headers: headers(app.adminKey),
      body: JSON.stringify({ kind: 'webhook', name: 'out of range' }),
    });
    const { id, webhookSecret } = (await created.json()) as { id: string; webhookSecret: string };
    const item = (n: number, likes: number) => ({
      platform: 'zendesk',
      externalId: `range-${n}`,
      text: 'panne',
      likes,
      publishedAt: '2026-11-20T10:00:00Z',
    });
    const body = JSON.stringify({ eventId: 'evt-range', mentions: [item(0, 3), item(1, 3e9)] });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${app.baseUrl}/api/v1/ingest`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ecoute-source': id,
        'x-ecoute-timestamp': String(ts),
        'x-ecoute-signature': signWebhook(webhookSecret, ts, body),
      },
      body,
    });
    expect(res.status).toBe(400);
    const err = ((await res.json()) as { error: { details: { field: string }[] } }).error;
    expect(err.details.map((d) => d.field)).toEqual(['mentions.1.likes']);
    expect(await countMentions(app, 'range-0')).toBe(0);
  });

  it('answers a value Postgres refuses with 400 naming the item, not 503', async () => {
    const ok: NormalizedMention = {
      platform: 'zendesk',
      externalId: 'fine',
      text: 'ok',
      publishedAt: new Date('2026-11-20T10:00:00Z'),
      links: [],
    };
    // Past the schema (which refuses it): what a refusal by Postgres itself is answered with.
    const refused = await refusedItem(
      app.database.db,
      null,
      [ok, { ...ok, externalId: 'huge', likes: 3_000_000_000 }],
      new Error('refused'),
    );
    expect(refused.code).toBe('validation_failed');
    expect(refused.details[0]!.field).toBe('mentions.1');
    expect(refused.message).toMatch(/"huge".*out of range/);
    expect(await countMentions(app, 'fine')).toBe(0);
  });

  it('polls a feed whose item carries NUL: every item stored, the poll a success', async () => {
    const item = (n: number, title: string) =>
      `<item><title>${title}</title><link>https://blog.example/${n}</link><guid>g-${n}</guid>` +
      `<description>La box ${n}</description><pubDate>Fri, 20 Nov 2026 10:00:0${n} GMT</pubDate></item>`;
    feeds.set(
      '/nul.xml',
      200,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>` +
        `${item(1, 'Bien')}${item(2, `Auteur${NUL} piégé`)}${item(3, 'Aussi')}</channel></rss>`,
    );
    const created = await fetch(`${app.baseUrl}/api/v1/sources`, {
      method: 'POST',
      headers: headers(app.adminKey),
      body: JSON.stringify({
        kind: 'rss',
        name: 'nul feed',
        config: { url: feeds.url('/nul.xml') },
      }),
    });
    const { id } = (await created.json()) as { id: string };
    const outcome = await pollSource({ ...app.deps, analyzeBatchSize: 50 }, id);
    expect(outcome).toMatchObject({ status: 'stored', stored: 3 });
    const titles = await app.database.db
      .selectFrom('mentions')
      .select('title')
      .where('source_id', '=', id)
      .orderBy('title')
      .execute();
    expect(titles.map((t) => t.title)).toEqual(['Aussi', 'Auteur piégé', 'Bien']);
    // A NUL is no XML character: the feed reader drops it while reading, and the source's
    // health says so among the slips of its last fetch (the sanitiser behind it finds none left).
    const source = await app.database.db
      .selectFrom('sources')
      .select(['fetch_notes', 'last_error'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const notes = source.fetch_notes as { warnings: string[] } | null;
    expect(notes?.warnings.join(' ')).toMatch(/control|character/i);
    expect(source.last_error).toBeNull();
  });

  it('imports a file with NUL in a title, keeping all ten lines, and reports a refused line by its number', async () => {
    const deps = { ...app.deps, analyzeBatchSize: 50 };
    const lines = Array.from({ length: 10 }, (_, i) =>
      JSON.stringify({
        platform: 'import',
        externalId: `line-${i + 1}`,
        title: i === 4 ? `Titre${NUL}` : 'Titre',
        text: `Texte ${i + 1}`,
        publishedAt: '2026-11-20T10:00:00Z',
      }),
    );
    const sourceId = await importSource(app.database.db, 'nul import');
    const summary = await importRecords(deps, sourceId, records(lines));
    expect(summary).toMatchObject({ read: 10, accepted: 10, rejectedCount: 0 });

    // A value only Postgres refuses (past the schema): that line alone is reported.
    const again = lines.map((l) => l.replaceAll('line-', 'again-'));
    const refused = await importRecords(deps, sourceId, records(again), {
      transform: (m) => (m.externalId === 'again-7' ? { ...m, likes: 3_000_000_000 } : m),
    });
    expect(refused.accepted).toBe(9);
    expect(refused.rejected).toEqual([
      { line: 7, reason: expect.stringMatching(/out of range/) as unknown as string },
    ]);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from mentions where external_id like 'again-%'`.execute(
      app.database.db,
    );
    expect(rows[0]!.n).toBe(9);
  });
});

async function* records(lines: string[]) {
  for (const [i, line] of lines.entries())
    yield { line: i + 1, value: JSON.parse(line) as unknown };
}

async function countMentions(app: TestApp, externalId: string): Promise<number> {
  const r = await app.database.db
    .selectFrom('mentions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('external_id', '=', externalId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
