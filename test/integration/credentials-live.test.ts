import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processBatch } from '../../core/dialogue/conversation-open.service.js';
import { sendReply, type SendDeps } from '../../core/dialogue/reply.service.js';
import { checkCredentials } from '../../core/sources/credentials/credential-check.js';
import { apiCall } from '../support/api-call.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { minutesAgo, seedMentions } from '../fixtures/dialogue/seed.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/connectors');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A platform's answer as recorded in test/fixtures/connectors, with its {{placeholders}} filled. */
function fixture(file: string, values: Record<string, string> = {}): string {
  return readFileSync(path.join(FIXTURES, file), 'utf8').replace(
    /\{\{(\w+)\}\}/g,
    (_, key: string) => values[key] ?? '',
  );
}

/** A JWT as a PDS issues them (header.claims.signature); only `exp` matters to Écoute. */
function jwt(scope: string, expiresAt: Date, id: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'ES256K' })}.${part({
    scope,
    sub: 'did:plc:velia',
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(expiresAt.getTime() / 1000),
    jti: id,
  })}.c2lnbmF0dXJl`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => resolve(body));
  });
}

function json(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(body);
}

let app: TestApp;
let platform: ReplayServer;

beforeAll(async () => {
  platform = await startReplayServer();
  app = await startTestApp({ workers: false });
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await platform?.close();
});

/** A source of `kind` on the replay server, a person's post on it, and the conversation. */
async function conversationOn(kind: string, config: Record<string, unknown>, externalId: string) {
  const db = app.database.db;
  const source = await db
    .insertInto('sources')
    .values({ kind, name: `${kind} care`, config: JSON.stringify(config) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const raw = { uri: externalId, cid: 'bafyparent', record: { text: 'x' } };
  const [mentionId] = await seedMentions(db, [
    {
      platform: kind,
      externalId,
      author: `zoe-${kind}`,
      text: 'Ma box coupe encore, trois fois ce matin',
      publishedAt: minutesAgo(5),
      sourceId: source.id,
      raw,
      analysis: { dissatisfied: true },
    },
  ]);
  await processBatch(db, [mentionId!]);
  const conv = await db
    .selectFrom('conversation_messages')
    .select('conversation_id')
    .where('mention_id', '=', mentionId!)
    .executeTakeFirstOrThrow();
  return { sourceId: source.id, conversationId: conv.conversation_id };
}

/** Queues an agent's reply through the API (the message id), as the dashboard does. */
async function queueReply(conversationId: string, text: string): Promise<string> {
  const res = await apiCall<{ id: string }>(
    app,
    'POST',
    `/conversations/${conversationId}/replies`,
    {
      text,
    },
  );
  expect(res.status).toBe(202);
  return res.body.id;
}

/** The reply job's work, run as a worker would, with the clock `later` ms ahead. */
function sendLater(messageId: string, later: number) {
  const deps: SendDeps = {
    db: app.database.db,
    http: app.deps.http,
    secrets: app.deps.secrets,
    timeoutMs: 5_000,
    now: () => new Date(Date.now() + later),
  };
  return sendReply(deps, messageId, false);
}

async function credential(sourceId: string) {
  return app.database.db
    .selectFrom('source_credentials')
    .selectAll()
    .where('source_id', '=', sourceId)
    .executeTakeFirstOrThrow();
}

describe('Reddit: OAuth refresh', () => {
  it('a reply still goes out a day after the credential was entered, with a renewed access token', async () => {
    const grants: { authorization?: string; form: URLSearchParams }[] = [];
    let issued = 0;
    platform.route('/api/v1/access_token', {
      handle: (req, res) =>
        void readBody(req).then((body) => {
          grants.push({
            authorization: req.headers.authorization,
            form: new URLSearchParams(body),
          });
          issued += 1;
          json(
            res,
            200,
            fixture('reddit/access-token.json', { accessToken: `reddit-access-${issued}` }),
          );
        }),
    });
    const comments: { authorization?: string; form: URLSearchParams }[] = [];
    platform.route('/api/comment', {
      handle: (req, res) =>
        void readBody(req).then((body) => {
          comments.push({
            authorization: req.headers.authorization,
            form: new URLSearchParams(body),
          });
          // Reddit refuses an expired access token with 401.
          if (req.headers.authorization !== `bearer reddit-access-${issued}`)
            return json(res, 401, '{"message": "Unauthorized", "error": 401}');
          json(res, 200, fixture('reddit/comment.json', { text: 'reply' }));
        }),
    });
    const { sourceId, conversationId } = await conversationOn(
      'reddit',
      { baseUrl: platform.url, mode: 'subreddit', subreddit: 'velia' },
      't3_parent',
    );

    const stored = await apiCall<{ scheme: string; accessExpiresAt: string }>(
      app,
      'PUT',
      `/dialogue/sources/${sourceId}/credentials`,
      {
        scheme: 'reddit_oauth',
        clientId: 'velia-app',
        clientSecret: 'velia-app-secret',
        refreshToken: 'rt-permanent-velia',
        tokenUrl: `${platform.url}/api/v1/access_token`,
      },
    );
    expect(stored.status).toBe(200);
    expect(stored.body.scheme).toBe('reddit_oauth');
    expect(Date.parse(stored.body.accessExpiresAt) - Date.now()).toBeGreaterThan(55 * 60_000);
    expect(JSON.stringify(stored.body)).not.toContain('rt-permanent-velia');
    expect(grants[0]!.authorization).toBe(
      `Basic ${Buffer.from('velia-app:velia-app-secret').toString('base64')}`,
    );
    expect(Object.fromEntries(grants[0]!.form)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-permanent-velia',
    });
    // Sealed at rest like every secret: the refresh token is nowhere in clear.
    const row = await credential(sourceId);
    expect(row.renewal_sealed).not.toContain('rt-permanent-velia');
    expect(JSON.parse(app.deps.secrets.open(row.renewal_sealed!))).toMatchObject({
      refreshToken: 'rt-permanent-velia',
    });

    const messageId = await queueReply(conversationId, 'Nous regardons votre ligne, Zoé');
    const sent = await sendLater(messageId, DAY);

    expect(sent).toMatchObject({ externalId: 't1_ecoute42' });
    expect(grants).toHaveLength(2);
    expect(comments.map((c) => c.authorization)).toEqual(['bearer reddit-access-2']);
    expect(comments[0]!.form.get('thing_id')).toBe('t3_parent');
    const message = await app.database.db
      .selectFrom('conversation_messages')
      .select(['send_status', 'platform_external_id'])
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(message).toEqual({ send_status: 'sent', platform_external_id: 't1_ecoute42' });
    expect(app.deps.secrets.open((await credential(sourceId)).renewal_sealed!)).toContain(
      'rt-permanent-velia',
    );
  });
});

describe('Bluesky: session refresh', () => {
  /** createSession and refreshSession, each issuing the next pair of JWTs. */
  function blueskyAuth(opts: { refreshExpired?: boolean } = {}) {
    const calls: { path: string; authorization?: string; body: string }[] = [];
    let n = 0;
    const issue = (res: ServerResponse, file: string) => {
      n += 1;
      json(
        res,
        200,
        fixture(file, {
          accessJwt: jwt('com.atproto.access', new Date(Date.now() + 2 * HOUR), `a${n}`),
          refreshJwt: jwt('com.atproto.refresh', new Date(Date.now() + 90 * DAY), `r${n}`),
        }),
      );
    };
    platform.route('/xrpc/com.atproto.server.createSession', {
      handle: (req, res) =>
        void readBody(req).then((body) => {
          calls.push({ path: 'createSession', body });
          issue(res, 'bluesky/create-session.json');
        }),
    });
    platform.route('/xrpc/com.atproto.server.refreshSession', {
      handle: (req, res) =>
        void readBody(req).then((body) => {
          calls.push({ path: 'refreshSession', authorization: req.headers.authorization, body });
          if (opts.refreshExpired) return json(res, 400, fixture('bluesky/expired-token.json'));
          issue(res, 'bluesky/refresh-session.json');
        }),
    });
    const posts: { authorization?: string }[] = [];
    const current = () => `a${n}`;
    const authorised = (req: IncomingMessage) => {
      const claims = req.headers.authorization?.split('.')[1];
      const jti = claims
        ? (JSON.parse(Buffer.from(claims, 'base64url').toString()) as { jti: string }).jti
        : '';
      return jti === current();
    };
    platform.route('/xrpc/com.atproto.server.getSession', {
      handle: (req, res) =>
        authorised(req)
          ? json(res, 200, fixture('bluesky/get-session.json'))
          : json(res, 400, fixture('bluesky/expired-token.json')),
    });
    platform.route('/xrpc/com.atproto.repo.createRecord', {
      handle: (req, res) =>
        void readBody(req).then((body) => {
          posts.push({ authorization: req.headers.authorization });
          if (!authorised(req)) return json(res, 400, fixture('bluesky/expired-token.json'));
          const { rkey } = JSON.parse(body) as { rkey: string };
          json(res, 200, fixture('bluesky/create-record.json', { rkey }));
        }),
    });
    return { calls, posts, current };
  }

  async function blueskySource(post: string) {
    const { sourceId, conversationId } = await conversationOn(
      'bluesky',
      { baseUrl: platform.url, query: 'velia' },
      `at://did:plc:zoe/app.bsky.feed.post/${post}`,
    );
    const stored = await apiCall<{ scheme: string }>(
      app,
      'PUT',
      `/dialogue/sources/${sourceId}/credentials`,
      {
        scheme: 'bluesky_session',
        identifier: 'velia.bsky.social',
        appPassword: 'abcd-efgh-ijkl-mnop',
      },
    );
    expect(stored.status).toBe(200);
    return { sourceId, conversationId };
  }

  it('a reply still goes out a day after the credential was entered: the session is refreshed with its refresh JWT', async () => {
    const auth = blueskyAuth();
    const { sourceId, conversationId } = await blueskySource('3kday');
    expect(auth.calls.map((c) => c.path)).toEqual(['createSession']);
    expect(JSON.parse(auth.calls[0]!.body)).toEqual({
      identifier: 'velia.bsky.social',
      password: 'abcd-efgh-ijkl-mnop',
    });
    const row = await credential(sourceId);
    expect(row.renewal_sealed).not.toContain('abcd-efgh-ijkl-mnop');
    expect(row.renewal_expires_at!.getTime() - Date.now()).toBeGreaterThan(80 * DAY);

    const messageId = await queueReply(conversationId, 'Désolés Zoé, on s’en occupe');
    const sent = await sendLater(messageId, DAY);

    expect(sent.externalId).toMatch(/^at:\/\/did:plc:velia\/app\.bsky\.feed\.post\//);
    expect(auth.calls.map((c) => c.path)).toEqual(['createSession', 'refreshSession']);
    // refreshSession is authorised by the refresh JWT of the first session, not its access JWT.
    const refreshClaims = auth.calls[1]!.authorization!.split('.')[1]!;
    expect(JSON.parse(Buffer.from(refreshClaims, 'base64url').toString())).toMatchObject({
      jti: 'r1',
      scope: 'com.atproto.refresh',
    });
    expect(auth.current()).toBe('a2');
    expect((await credential(sourceId)).status).toBe('ok');
  });

  it('opens a new session with the app password when the refresh JWT has expired too', async () => {
    const auth = blueskyAuth({ refreshExpired: true });
    const { conversationId } = await blueskySource('3kquarter');
    const messageId = await queueReply(conversationId, 'Toujours là pour vous, Zoé');
    const sent = await sendLater(messageId, 100 * DAY);

    expect(sent.externalId).toMatch(/^at:\/\/did:plc:velia\//);
    expect(auth.calls.map((c) => c.path)).toEqual([
      'createSession',
      'refreshSession',
      'createSession',
    ]);
    expect(auth.current()).toBe('a2');
  });
});

describe('credential health and admin alerts', () => {
  let ruleId: string;
  beforeAll(async () => {
    const res = await apiCall<{ id: string }>(app, 'POST', '/alerts/rules', {
      name: 'Credentials',
      kind: 'credential_health',
      channel: 'webhook',
      target: `${platform.url}/hooks/credentials`,
    });
    expect(res.status).toBe(201);
    ruleId = res.body.id;
  });

  async function sourceHealth(sourceId: string) {
    const res = await apiCall<{ items: { id: string; credential: unknown }[] }>(
      app,
      'GET',
      '/sources',
    );
    return res.body.items.find((s) => s.id === sourceId)?.credential;
  }

  it('a revoked Mastodon token fails verify_credentials: the source shows it and an admin is alerted once', async () => {
    let valid = true;
    platform.route('/api/v1/accounts/verify_credentials', {
      handle: (req, res) =>
        valid && req.headers.authorization === 'Bearer masto-token-velia'
          ? json(res, 200, fixture('mastodon/verify-credentials.json'))
          : json(res, 401, fixture('mastodon/invalid-token.json')),
    });
    const { sourceId } = await conversationOn(
      'mastodon',
      { instance: platform.url, mode: 'hashtag', tag: 'velia' },
      `${new URL(platform.url).host}:777`,
    );
    const put = await apiCall(app, 'PUT', `/dialogue/sources/${sourceId}/credentials`, {
      token: 'masto-token-velia',
    });
    expect(put.status).toBe(200);
    const deps = {
      db: app.database.db,
      http: app.deps.http,
      secrets: app.deps.secrets,
      queues: app.deps.queues,
      timeoutMs: 5_000,
    };

    const first = await checkCredentials(deps);
    expect(first.find((c) => c.sourceId === sourceId)).toEqual({
      sourceId,
      status: 'ok',
      reason: null,
    });
    expect(await sourceHealth(sourceId)).toMatchObject({ scheme: 'token', status: 'ok' });

    valid = false;
    const second = await checkCredentials(deps);
    expect(second.find((c) => c.sourceId === sourceId)).toMatchObject({ status: 'failed' });
    expect(await sourceHealth(sourceId)).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('401') as unknown,
    });
    await checkCredentials(deps);

    const events = await app.database.db
      .selectFrom('alert_events')
      .select(['id', 'subject', 'title'])
      .where('rule_id', '=', ruleId)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.subject).toBe(`source:${sourceId}`);
    expect(events[0]!.title).toContain('stopped working');
    const delivery = await app.database.db
      .selectFrom('alert_deliveries')
      .select('id')
      .where('event_id', '=', events[0]!.id)
      .executeTakeFirstOrThrow();
    const job = await app.deps.queues
      .queueOf('alerts.deliver')
      .getJob(`alert-delivery-${delivery.id}`);
    expect(job?.data).toEqual({ deliveryId: delivery.id });
    expect(JSON.stringify(job?.data)).not.toContain('masto-token-velia');
  });

  it('a Reddit refresh token refused while the access token still works is "expiring", and alerts', async () => {
    let refuse = false;
    let issued = 0;
    platform.route('/api/v1/access_token', {
      handle: (_req, res) => {
        if (refuse) return json(res, 400, fixture('reddit/access-token-invalid-grant.json'));
        issued += 1;
        json(res, 200, fixture('reddit/access-token.json', { accessToken: `r2-access-${issued}` }));
      },
    });
    const { sourceId } = await conversationOn(
      'reddit',
      { baseUrl: platform.url, mode: 'subreddit', subreddit: 'veliaexpiring' },
      't3_expiring',
    );
    const put = await apiCall(app, 'PUT', `/dialogue/sources/${sourceId}/credentials`, {
      scheme: 'reddit_oauth',
      clientId: 'velia-app',
      clientSecret: 'velia-app-secret',
      refreshToken: 'rt-soon-revoked',
      tokenUrl: `${platform.url}/api/v1/access_token`,
    });
    expect(put.status).toBe(200);
    refuse = true;
    const deps = {
      db: app.database.db,
      http: app.deps.http,
      secrets: app.deps.secrets,
      queues: app.deps.queues,
      timeoutMs: 5_000,
    };

    // 40 minutes on, the hour-long token is renewed ahead of need, and Reddit refuses.
    const checked = await checkCredentials(deps, new Date(Date.now() + 40 * 60_000));
    expect(checked.find((c) => c.sourceId === sourceId)).toMatchObject({
      status: 'expiring',
      reason: expect.stringContaining('400') as unknown,
    });
    expect(await sourceHealth(sourceId)).toMatchObject({
      scheme: 'reddit_oauth',
      status: 'expiring',
    });
    const events = await app.database.db
      .selectFrom('alert_events')
      .select('title')
      .where('rule_id', '=', ruleId)
      .where('subject', '=', `source:${sourceId}`)
      .execute();
    expect(events.map((e) => e.title)).toEqual([
      'The reddit credentials of "reddit care" are about to stop working',
    ]);
  });

  it('refuses a refresh token the platform refuses at once, naming the field', async () => {
    platform.route('/api/v1/access_token', {
      status: 400,
      body: fixture('reddit/access-token-invalid-grant.json'),
      headers: { 'content-type': 'application/json' },
    });
    const { sourceId } = await conversationOn(
      'reddit',
      { baseUrl: platform.url, mode: 'subreddit', subreddit: 'veliarefused' },
      't3_refused',
    );
    const put = await apiCall<{ error: { details: { field: string }[] } }>(
      app,
      'PUT',
      `/dialogue/sources/${sourceId}/credentials`,
      {
        scheme: 'reddit_oauth',
        clientId: 'velia-app',
        clientSecret: 'wrong',
        refreshToken: 'rt-unknown-here',
        tokenUrl: `${platform.url}/api/v1/access_token`,
      },
    );
    expect(put.status).toBe(400);
    expect(JSON.stringify(put.body)).toContain('refreshToken');
    const row = await app.database.db
      .selectFrom('sources')
      .select('secret_sealed')
      .where('id', '=', sourceId)
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed).toBeNull();
  });
});
