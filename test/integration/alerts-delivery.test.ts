import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateSpikes } from '../../core/alerts/spike-alerts.js';
import { verifyWebhook } from '../../core/ingestion/webhook-signature.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { waitFor } from '../support/test-db.js';

/** An API answer, read field by field in the assertions below. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  answered: number;
}

/** A loopback receiver that answers 500 to the first `failFirst` requests, then 200. */
async function receiver(failFirst: number) {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const answered = got.length < failFirst ? 500 : 200;
      got.push({ headers: req.headers, body, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    got,
    close: () => new Promise((r) => server.close(r)),
  };
}

async function smtpSink() {
  const mails: { to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('alerts: rules, spikes and deliveries', () => {
  let app: TestApp;
  let smtp: Awaited<ReturnType<typeof smtpSink>>;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  beforeAll(async () => {
    smtp = await smtpSink();
    app = await startTestApp({ config: { SMTP_URL: smtp.url, JOB_ATTEMPTS: 3 } });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  it('delivers a correctly signed webhook and retries after a 500', async () => {
    const hook = await receiver(1);
    try {
      const rule = await call('POST', '/alerts/rules', {
        name: 'Hook',
        kind: 'risk_threshold',
        channel: 'webhook',
        target: hook.url,
        params: { threshold: 70 },
      });
      expect(rule.status).toBe(201);
      expect(rule.body.secret).toMatch(/^[0-9a-f]{64}$/);
      expect((await call('GET', `/alerts/rules/${rule.body.id}`)).body.secret).toBeUndefined();
      const test = await call('POST', `/alerts/rules/${rule.body.id}/test`, {});
      expect(test.status).toBe(202);
      const log = await waitFor('the delivery to succeed', async () => {
        const r = await call('GET', `/alerts/deliveries?ruleId=${rule.body.id}`);
        return r.body.items[0]?.status === 'sent' ? r.body.items : null;
      });
      expect(log[0]).toMatchObject({
        status: 'sent',
        attempts: 2,
        responseStatus: 200,
        test: true,
        channel: 'webhook',
      });
      expect(hook.got.map((g) => g.answered)).toEqual([500, 200]);
      const last = hook.got[1]!;
      expect(() =>
        verifyWebhook({
          secret: rule.body.secret,
          rawBody: Buffer.from(last.body),
          timestampHeader: last.headers['x-ecoute-timestamp'] as string,
          signatureHeader: last.headers['x-ecoute-signature'] as string,
          toleranceS: 300,
        }),
      ).not.toThrow();
      expect(JSON.parse(last.body)).toMatchObject({
        type: 'ecoute.alert',
        test: true,
        rule: { name: 'Hook' },
      });
    } finally {
      await hook.close();
    }
  });

  it('sends a Slack-compatible body when the rule asks for it', async () => {
    const hook = await receiver(0);
    try {
      const rule = await call('POST', '/alerts/rules', {
        name: 'Slack',
        kind: 'risk_jump',
        channel: 'webhook',
        format: 'slack',
        target: hook.url,
      });
      await call('POST', `/alerts/rules/${rule.body.id}/test`, {});
      await waitFor('the Slack message', async () => hook.got.length > 0);
      expect(JSON.parse(hook.got[0]!.body)).toMatchObject({
        text: 'Test of "Slack"',
        blocks: [{ type: 'header' }, { type: 'context' }],
      });
    } finally {
      await hook.close();
    }
  });

  it('e-mails an alert through SMTP', async () => {
    const rule = await call('POST', '/alerts/rules', {
      name: 'Mail',
      kind: 'key_account_churn',
      channel: 'email',
      target: 'crm@velia.example, boss@velia.example',
    });
    expect(rule.status).toBe(201);
    await call('POST', `/alerts/rules/${rule.body.id}/test`, {});
    const mail = await waitFor('the e-mail', async () => smtp.mails[0]);
    expect(mail.to).toEqual(['crm@velia.example', 'boss@velia.example']);
    expect(mail.data).toMatch(/^Subject: .*test.*Mail/m);
    expect(mail.data).toContain('Rule: Mail (key_account_churn)');
    const log = await call('GET', `/alerts/deliveries?ruleId=${rule.body.id}`);
    await waitFor(
      'the log to say sent',
      async () =>
        (await call('GET', `/alerts/deliveries?ruleId=${rule.body.id}`)).body.items[0]?.status ===
        'sent',
    );
    expect(log.body.items).toHaveLength(1);
  });

  it('refuses a rule with a bad target, naming the field', async () => {
    const bad = await call('POST', '/alerts/rules', {
      name: 'x',
      kind: 'risk_jump',
      channel: 'email',
      target: 'not-an-address',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'target' });
    const ssrf = await call('POST', '/alerts/rules', {
      name: 'x',
      kind: 'risk_jump',
      channel: 'webhook',
      target: 'http://169.254.169.254/latest',
    });
    expect(ssrf.status).toBe(400);
  });

  it('fires one alert during a negative storm and another after the cool-down', async () => {
    const db = app.database.db;
    const hook = await receiver(0);
    try {
      const topic = await db
        .insertInto('topics')
        .values({ name: 'Panne fibre', query: 'panne' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const rule = await call('POST', '/alerts/rules', {
        name: 'Spike',
        kind: 'topic_spike',
        channel: 'webhook',
        target: hook.url,
        cooldownS: 3600,
        params: { topicId: topic.id, bucketMinutes: 10, windowBuckets: 12, zScore: 3, minCount: 5 },
      });
      const t0 = new Date('2026-03-02T08:00:00Z').getTime();
      const at = (minutes: number) => new Date(t0 + minutes * 60_000);
      // A quiet baseline (one negative mention every 5 min from T0−3h to T0+4h), a first storm
      // (one every 30 s for 40 min from T0) and a second one three hours later.
      await sql`
        with times as (
          select g from generate_series(${at(-180)}::timestamptz, ${at(240)}::timestamptz, interval '5 minutes') g
          union all select g from generate_series(${at(0)}::timestamptz, ${at(39.5)}::timestamptz, interval '30 seconds') g
          union all select g from generate_series(${at(180)}::timestamptz, ${at(189.5)}::timestamptz, interval '30 seconds') g
        ), m as (
          insert into mentions (platform, external_id, text, published_at)
          select 'rss', 'spike-' || row_number() over (), 'panne encore', g from times returning id
        ), a as (
          insert into mention_analyses (mention_id, lang, sentiment, sentiment_score, dissatisfied, signals, idea, model_version)
          select id, 'fr', 'negative', -0.8, true, '{"discontent": 0.8}', false, 'test' from m
        )
        insert into mention_topics (mention_id, topic_id) select id, ${topic.id}::bigint from m
      `.execute(db);
      const deps = { db, queues: app.deps.queues };
      const fired: number[] = [];
      for (const minute of [-20, 10, 20, 30, 40, 60, 120, 190, 200]) {
        fired.push((await evaluateSpikes(deps, at(minute))).events.length);
      }
      expect(fired).toEqual([0, 1, 0, 0, 0, 0, 0, 1, 0]);
      const events = await db
        .selectFrom('alert_events')
        .select(['subject', 'payload'])
        .where('rule_id', '=', rule.body.id)
        .execute();
      expect(events.map((e) => e.subject)).toEqual([`topic:${topic.id}`, `topic:${topic.id}`]);
      expect(events[0]!.payload).toMatchObject({
        topic: { name: 'Panne fibre' },
        spike: { current: 22 },
      });
      await waitFor('both spike webhooks', async () => hook.got.length === 2);
    } finally {
      await hook.close();
    }
  });
});
