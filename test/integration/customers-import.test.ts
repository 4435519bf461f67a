import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords, importSource } from '../../core/ingestion/file-import.js';
import type { RawRecord } from '../../core/ingestion/record-parsers.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { waitFor } from '../support/test-db.js';

/** An API answer, read field by field in the assertions below. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const MESSY_CSV = [
  'Id,Company,Segment,Plan,Region,ARR,Owner,handles,email_domains,website',
  'C-1,Acme Télécom,key,Pro 40,Île-de-France,"48 600",anne@velia.fr,mastodon:acme_it;bluesky:acme.bsky.social,acme.fr,acme.fr',
  ',No Id Corp,business,Pro,Bretagne,100,anne@velia.fr,,,',
  'C-3,Bad Value SARL,business,Pro,Bretagne,lots,anne@velia.fr,,,',
  'C-4,Dup Handle SA,business,Pro,Bretagne,900,bob@velia.fr,mastodon:acme_it;mastodon:dup_ok,dup.fr,',
  'C-1,Acme again,key,Pro,Bretagne,1,anne@velia.fr,,,',
  'C-6,Broken Handle,standard,Fibre,Occitanie,480,bob@velia.fr,nocolon,,',
  'C-7,Ok Household,standard,Fibre,Occitanie,480,bob@velia.fr,mastodon:karine_x,,',
].join('\n');

async function api(
  app: TestApp,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${app.adminKey}`,
      ...(body !== undefined && typeof body !== 'string'
        ? { 'content-type': 'application/json' }
        : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Json) };
}

async function* records(items: object[]): AsyncGenerator<RawRecord> {
  let line = 0;
  for (const value of items) yield { line: ++line, value };
}

const mention = (id: string, authorId: string, handle: string, text: string, daysAgo: number) => ({
  platform: 'mastodon',
  externalId: id,
  url: `https://example.social/@${handle}/${id}`,
  author: { id: authorId, handle, name: handle },
  text,
  langHint: 'fr',
  publishedAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
});

describe('customers: CRM import, identities and risk', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('imports a messy CRM export, reporting each bad line with its field and reason', async () => {
    const res = await api(app, 'POST', '/customers/import?map=crm_id=Id,name=Company', MESSY_CSV, {
      'content-type': 'text/csv',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ read: 7, created: 3, updated: 0, customers: 3 });
    expect(res.body.rejected).toEqual([
      { line: 3, field: 'crm_id', reason: 'is required' },
      { line: 4, field: 'value', reason: '"lots" is not a non-negative amount' },
      { line: 6, field: 'crm_id', reason: '"C-1" already on line 2' },
      { line: 7, field: 'handles', reason: '"nocolon" is not platform:handle' },
    ]);
    expect(res.body.warnings).toEqual([
      {
        line: 5,
        field: 'handles',
        reason: 'mastodon:acme_it is already listed for C-1; not linked',
      },
    ]);
    const acme = await app.database.db
      .selectFrom('customers')
      .selectAll()
      .where('external_id', '=', 'C-1')
      .executeTakeFirstOrThrow();
    expect(acme).toMatchObject({
      name: 'Acme Télécom',
      tier: 'key',
      value: '48600.00',
      website: 'https://acme.fr/',
    });
    const handles = await app.database.db
      .selectFrom('customer_handles')
      .select(['platform', 'handle'])
      .where('customer_id', '=', acme.id)
      .orderBy('handle')
      .execute();
    expect(handles).toEqual([
      { platform: 'bluesky', handle: 'acme.bsky.social' },
      { platform: 'mastodon', handle: 'acme_it' },
    ]);
  });

  it('updates on re-import without duplicating, keyed on the CRM id', async () => {
    const csv =
      'crm_id,name,tier,arr_eur,owner\nC-1,Acme Télécom Group,key,52000,claire@velia.fr\nC-8,New Account,business,700,bob@velia.fr\n';
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'crm.csv');
    const res = await fetch(`${app.baseUrl}/api/v1/customers/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminKey}` },
      body: form,
    });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ read: 2, created: 1, updated: 1, rejected: [] });
    const rows = await app.database.db
      .selectFrom('customers')
      .select(['external_id', 'name', 'owner', 'value'])
      .where('external_id', '=', 'C-1')
      .execute();
    expect(rows).toEqual([
      {
        external_id: 'C-1',
        name: 'Acme Télécom Group',
        owner: 'claire@velia.fr',
        value: '52000.00',
      },
    ]);
  });

  it('refuses an import that is neither CSV nor a form, naming the header', async () => {
    const res = await api(app, 'POST', '/customers/import', { rows: [] });
    expect(res.status).toBe(415);
    expect(res.body.error.details[0].field).toBe('content-type');
  });

  it('creates, edits, lists and deletes accounts through the API', async () => {
    const created = await api(app, 'POST', '/customers', {
      crmId: 'C-9',
      name: 'Zeta',
      tier: 'business',
      value: 1200,
      handles: ['reddit:zeta_ops'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      crmId: 'C-9',
      handles: ['reddit:zeta_ops'],
      risk: { score: 0 },
    });
    const bad = await api(app, 'POST', '/customers', {
      crmId: 'C-10',
      name: 'Taken',
      handles: ['reddit:zeta_ops'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'handles' });
    const edited = await api(app, 'PATCH', `/customers/${created.body.id}`, {
      owner: 'dan@velia.fr',
    });
    expect(edited.body.owner).toBe('dan@velia.fr');
    // An edit changes what it names and nothing else: the handles, the tier and the value stay.
    expect(edited.body).toMatchObject({
      handles: ['reddit:zeta_ops'],
      tier: 'business',
      value: 1200,
    });
    const cleared = await api(app, 'PATCH', `/customers/${created.body.id}`, { handles: [] });
    expect(cleared.body).toMatchObject({ handles: [], owner: 'dan@velia.fr' });
    const page1 = await api(app, 'GET', '/customers?sort=name&limit=2');
    const page2 = await api(
      app,
      'GET',
      `/customers?sort=name&limit=2&cursor=${page1.body.nextCursor}`,
    );
    const names = [...page1.body.items, ...page2.body.items].map((c: Json) => c.name);
    expect(names).toEqual(['Acme Télécom Group', 'Dup Handle SA', 'New Account', 'Ok Household']);
    expect(
      (await api(app, 'GET', '/customers?tier=key')).body.items.map((c: Json) => c.crmId),
    ).toEqual(['C-1']);
    expect((await api(app, 'DELETE', `/customers/${created.body.id}`)).status).toBe(204);
    expect((await api(app, 'GET', `/customers/${created.body.id}`)).status).toBe(404);
  });

  it('counts an author’s past and future mentions once their identity is confirmed', async () => {
    const deps = {
      db: app.database.db,
      queues: app.deps.queues,
      logger: app.deps.logger,
      analyzeBatchSize: 500,
    };
    const source = await importSource(app.database.db, 'identity test');
    await importRecords(
      deps,
      source,
      records([
        mention(
          'p1',
          'a-7',
          'dup_handle_sa',
          "Dup Handle SA ici : je vais résilier mon abonnement Vélia, j'en ai marre des coupures",
          3,
        ),
        mention(
          'p2',
          'a-7',
          'dup_handle_sa',
          'Encore une panne chez Vélia pour Dup Handle SA, inadmissible',
          2,
        ),
      ]),
    );
    await app.waitForAnalysis();
    const customer = await app.database.db
      .selectFrom('customers')
      .select('id')
      .where('external_id', '=', 'C-4')
      .executeTakeFirstOrThrow();
    const author = await app.database.db
      .selectFrom('authors')
      .select('id')
      .where('external_id', '=', 'a-7')
      .executeTakeFirstOrThrow();
    const before = await api(app, 'GET', `/customers/${customer.id}`);
    expect(before.body.risk.score).toBe(0);

    const decided = await api(app, 'PATCH', `/customers/${customer.id}/identities/${author.id}`, {
      status: 'confirmed',
    });
    expect(decided.body).toMatchObject({
      status: 'confirmed',
      author: { handle: 'dup_handle_sa' },
    });
    const past = await waitFor('the risk to count past mentions', async () => {
      const r = await api(app, 'GET', `/customers/${customer.id}`);
      return r.body.risk.score > 0 ? r.body : null;
    });
    expect(past.breakdown.mentions.length).toBe(2);

    await importRecords(
      deps,
      source,
      records([
        mention(
          'p3',
          'a-7',
          'dup_handle_sa',
          'Dup Handle SA : on part chez un concurrent le mois prochain, adieu Vélia',
          0,
        ),
      ]),
    );
    const future = await waitFor('the risk to count a new mention', async () => {
      const r = await api(app, 'GET', `/customers/${customer.id}`);
      return r.body.breakdown.mentions?.length === 3 ? r.body : null;
    });
    expect(future.risk.score).toBeGreaterThanOrEqual(past.risk.score);
    const timeline = await api(app, 'GET', `/customers/${customer.id}/mentions`);
    expect(timeline.body.items.map((m: Json) => m.text.slice(0, 13))).toEqual([
      'Dup Handle SA',
      'Encore une pa',
      'Dup Handle SA',
    ]);
    const history = await api(app, 'GET', `/customers/${customer.id}/risk-history`);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0].score).toBe(future.risk.score);
    const board = await api(app, 'GET', '/customers?tier=business');
    expect(board.body.items.find((c: Json) => c.crmId === 'C-4').sparkline).toEqual([
      future.risk.score,
    ]);
  });

  it('never suggests a rejected pair again', async () => {
    const db = app.database.db;
    const customer = await db
      .selectFrom('customers')
      .select('id')
      .where('external_id', '=', 'C-4')
      .executeTakeFirstOrThrow();
    const author = await db
      .insertInto('authors')
      .values({
        platform: 'bluesky',
        external_id: 'did:dup',
        handle: 'ops.dup.fr',
        display_name: 'Dup Handle',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { suggestIdentities } = await import('../../core/customers/identity-linking.js');
    expect(await suggestIdentities(db, { customerIds: [customer.id] })).toBeGreaterThanOrEqual(1);
    const suggestions = await api(app, 'GET', '/customers/identities/suggestions');
    const mine = suggestions.body.items.find((s: Json) => s.author.id === author.id);
    expect(mine).toMatchObject({ status: 'suggested', method: 'website_domain', confidence: 0.8 });
    expect(mine.evidence[0].detail).toContain('dup.fr');
    await api(app, 'PATCH', `/customers/${customer.id}/identities/${author.id}`, {
      status: 'rejected',
    });
    await suggestIdentities(db, { customerIds: [customer.id] });
    const after = await api(app, 'GET', '/customers/identities/suggestions');
    expect(after.body.items.some((s: Json) => s.author.id === author.id)).toBe(false);
    const row = await db
      .selectFrom('customer_identities')
      .select('status')
      .where('author_id', '=', author.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('rejected');
  });

  it('links an author whose handle the CRM lists as soon as their mention is analysed', async () => {
    const deps = {
      db: app.database.db,
      queues: app.deps.queues,
      logger: app.deps.logger,
      analyzeBatchSize: 500,
    };
    const source = await importSource(app.database.db, 'exact handle test');
    await importRecords(
      deps,
      source,
      records([mention('k1', 'a-karine', 'karine_x', 'Vélia me déçoit encore', 1)]),
    );
    await app.waitForAnalysis();
    const linked = await waitFor('the exact handle link', async () =>
      app.database.db
        .selectFrom('customer_identities as i')
        .innerJoin('customers as c', 'c.id', 'i.customer_id')
        .select(['c.external_id', 'i.status', 'i.method', 'i.confidence'])
        .where('c.external_id', '=', 'C-7')
        .executeTakeFirst(),
    );
    expect(linked).toEqual({
      external_id: 'C-7',
      status: 'confirmed',
      method: 'exact_handle',
      confidence: 1,
    });
    const segments = await api(app, 'GET', '/customers/segments?by=tier&threshold=0');
    expect(segments.body.items.find((s: Json) => s.segment === 'key')).toMatchObject({
      customers: 1,
      value: 52000,
    });
  });
});
