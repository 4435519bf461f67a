import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../core/auth/api-keys.js';
import { inboxReplySink } from '../../core/dialogue/idea-replies.js';
import { runStatusChange } from '../../core/ideas/notify/status-job.js';
import { groupingQuality } from '../../core/ideas/similarity/grouping-quality.js';
import { verifyWebhook } from '../../core/ingestion/webhook-signature.js';
import { apiCall } from '../support/api-call.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { waitFor } from '../support/test-db.js';
import { DEMO_IDEA_LABELS } from '../unit/ideas/demo-idea-labels.js';

interface Group {
  groupKey: string;
  size: number;
  candidates: { mentionId: string; text: string; author: { id: string } | null }[];
  similarIdeas: { id: string; title: string; similarity: number }[];
}
interface Idea {
  id: string;
  title: string;
  status: string;
  mergedInto: string | null;
  demand: {
    votes: number;
    supporters: number;
    mentions: number;
    customers: number;
    customerValue: number;
  };
  scores: {
    reviewers: number;
    feasibility: { mean: number; stddev: number; min: number; max: number } | null;
    impact: { mean: number; stddev: number; min: number; max: number } | null;
  };
}

// The demo's idea mentions the analysis marks as ideas, by request (external ids).
const ESIM = ['117508866048021276', 't1_18v4oqg4'];
const DARK_MODE = [
  '117537838202917367',
  '117537956167686836',
  'at://did:plc:mpeoeoj6qpkonstopr6m34fp/app.bsky.feed.post/3n2b6acmwym77',
];
const PDF = [
  '117557593374766961',
  'at://did:plc:a4jj5fzqhpajsz6enmsnh5sz/app.bsky.feed.post/3mzxehvqu2q4y',
];
const ROLLOVER = [
  '117490129305618016',
  'at://did:plc:kxax5vozgjixupab4hiryzwf/app.bsky.feed.post/3n2g4eqjpbxms',
];
const NOT_AN_IDEA = 't1_18vbrdt7'; // "Ask for a deadlock letter, then go to the ombudsman."

describe('the idea board on the demo corpus', () => {
  let app: TestApp;
  let keys: { a: string; b: string; c: string };
  let mentionId: Map<string, string>;

  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    key = app.adminKey,
  ): Promise<{ status: number; body: T }> {
    return apiCall<T>(app, method, path, body, key);
  }
  const ok = async <T>(method: string, path: string, body?: unknown, key?: string): Promise<T> => {
    const r = await call<T>(method, path, body, key);
    if (r.status >= 300)
      throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const queue = async () =>
    await ok<{ items: Group[]; pending: number }>('GET', '/ideas/candidates?limit=500');
  const groupOf = (groups: Group[], externalId: string) =>
    groups.find((g) => g.candidates.some((c) => c.mentionId === mentionId.get(externalId)));

  /**
   * Each prepared reply of the idea is a draft, exactly once, in the inbox conversation of the
   * supporter's mention (as the conversation page reads it), and the conversation says why.
   */
  async function expectDraftsInInbox(ideaId: string) {
    const db = app.database.db;
    const replies = await db
      .selectFrom('idea_replies')
      .select(['id', 'mention_id', 'author_id', 'text'])
      .where('idea_id', '=', ideaId)
      .orderBy('id')
      .execute();
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      const inbound = await db
        .selectFrom('conversation_messages')
        .select('conversation_id')
        .where('mention_id', '=', reply.mention_id)
        .executeTakeFirstOrThrow();
      const conv = await ok<{
        reasons: string[];
        messages: { direction: string; sendStatus: string | null; text: string | null }[];
      }>('GET', `/conversations/${inbound.conversation_id}`);
      expect(conv.reasons).toContain('idea_status');
      const drafts = conv.messages.filter(
        (m) => m.direction === 'out' && m.sendStatus === 'draft' && m.text === reply.text,
      );
      expect(drafts).toHaveLength(1);
      const keyed = await db
        .selectFrom('conversation_messages')
        .select(['conversation_id'])
        .where('idempotency_key', '=', `ecoute-idea-reply-${reply.id}`)
        .execute();
      expect(keyed).toEqual([{ conversation_id: inbound.conversation_id }]);
    }
  }

  beforeAll(async () => {
    app = await startTestApp({ demo: true });
    const db = app.database.db;
    const rows = await db.selectFrom('mentions').select(['id', 'external_id']).execute();
    mentionId = new Map(rows.map((r) => [r.external_id, r.id]));
    keys = {
      a: (await createApiKey(db, 'Reviewer A', 'admin')).key,
      b: (await createApiKey(db, 'Reviewer B', 'admin')).key,
      c: (await createApiKey(db, 'Reviewer C', 'admin')).key,
    };
    // The grouping job runs after each analysis batch: wait until every idea is queued and grouped.
    await waitFor(
      'the idea candidates to be queued and grouped',
      async () => {
        const r = await sql<{ ideas: string; grouped: string }>`
        select (select count(*) from mention_analyses where idea and duplicate_of is null) as ideas,
          (select count(*) from idea_candidates where group_key is not null) as grouped
      `.execute(db);
        const row = r.rows[0]!;
        return Number(row.ideas) > 0 && row.ideas === row.grouped;
      },
      60_000,
      100,
    );
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('queues the ideas detected in ingested mentions, French and English near-duplicates grouped together', async () => {
    const { items, pending } = await queue();
    expect(pending).toBeGreaterThanOrEqual(20);
    for (const request of [ESIM, DARK_MODE, PDF, ROLLOVER]) {
      const keysOf = new Set(request.map((ext) => groupOf(items, ext)?.groupKey));
      expect(keysOf.size).toBe(1);
      expect([...keysOf][0]).toBeDefined();
    }
    expect(groupOf(items, ESIM[0]!)).not.toBe(groupOf(items, DARK_MODE[0]!));
    // Pairwise quality over the labelled demo ideas that reached the queue.
    const groups = items.map((g) => g.candidates.map((c) => c.mentionId));
    const labels = new Map(
      Object.entries(DEMO_IDEA_LABELS).flatMap(([ext, label]) =>
        mentionId.has(ext) ? [[mentionId.get(ext)!, label]] : [],
      ),
    );
    const quality = groupingQuality(groups, labels);
    // 23 of the 44 labelled demo ideas reach the queue with the shipped models (21 with the
    // models trained on the first 341 messages); over those 23, pairs are grouped with
    // precision 0.96 and recall 0.83.
    expect(groups.flat().filter((id) => labels.has(id)).length).toBeGreaterThanOrEqual(21);
    expect(quality.precision).toBeGreaterThanOrEqual(0.85);
    expect(quality.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('turns a group into an idea, attaches another to an existing idea and dismisses a third', async () => {
    const esim = groupOf((await queue()).items, ESIM[0]!)!;
    const created = await ok<Idea>('POST', '/ideas/candidates/create', {
      mentionIds: esim.candidates.map((c) => c.mentionId),
      title: 'eSIM support',
    });
    expect(created.status).toBe('new');
    expect(created.demand.mentions).toBe(esim.size);
    expect(created.demand.supporters).toBe(new Set(esim.candidates.map((c) => c.author?.id)).size);

    const staff = await ok<Idea>('POST', '/ideas', {
      title: 'Mode sombre dans l’application',
      description: 'Thème sombre.',
    });
    expect(staff.demand.supporters).toBe(0);
    const dark = groupOf((await queue()).items, DARK_MODE[0]!)!;
    expect(dark.similarIdeas[0]?.id).toBe(staff.id);
    const attached = await ok<Idea>('POST', '/ideas/candidates/attach', {
      mentionIds: dark.candidates.map((c) => c.mentionId),
      ideaId: staff.id,
    });
    expect(attached.demand.supporters).toBe(new Set(dark.candidates.map((c) => c.author?.id)).size);

    const noise = groupOf((await queue()).items, NOT_AN_IDEA)!;
    expect(
      await ok('POST', '/ideas/candidates/dismiss', { mentionIds: [mentionId.get(NOT_AN_IDEA)] }),
    ).toEqual({ dismissed: 1 });
    const after = await queue();
    expect(groupOf(after.items, NOT_AN_IDEA)).toBeUndefined();
    expect(groupOf(after.items, ESIM[0]!)).toBeUndefined();
    expect(noise.size).toBeGreaterThanOrEqual(1);
    // A decided candidate cannot be decided again.
    const again = await call<{ error: { code: string; details: { field: string }[] } }>(
      'POST',
      '/ideas/candidates/dismiss',
      {
        mentionIds: [mentionId.get(ESIM[0]!)],
      },
    );
    expect(again.status).toBe(409);
    expect(again.body.error.details[0]?.field).toBe('mentionIds');
  });

  it('suggests similar ideas while typing, in French and in English', async () => {
    const board = await ok<{ items: Idea[] }>('GET', '/ideas?sort=recent');
    const esim = board.items.find((i) => i.title === 'eSIM support')!;
    const dark = board.items.find((i) => i.title.startsWith('Mode sombre'))!;
    const fr = await ok<{ items: { id: string }[] }>(
      'GET',
      `/ideas/similar?q=${encodeURIComponent("ce serait bien d'avoir l'eSIM")}`,
    );
    expect(fr.items[0]?.id).toBe(esim.id);
    const en = await ok<{ items: { id: string }[] }>(
      'GET',
      `/ideas/similar?q=${encodeURIComponent('please add a dark mode')}`,
    );
    expect(en.items[0]?.id).toBe(dark.id);
    const none = await ok<{ items: unknown[] }>(
      'GET',
      `/ideas/similar?q=${encodeURIComponent('fibre outage compensation')}`,
    );
    expect(none.items).toEqual([]);
  });

  it('counts one vote per person', async () => {
    const idea = await ok<Idea>('POST', '/ideas', { title: 'Widget de consommation data' });
    expect(await ok('POST', `/ideas/${idea.id}/vote`, undefined, keys.a)).toEqual({
      voted: true,
      changed: true,
      votes: 1,
    });
    expect(await ok('POST', `/ideas/${idea.id}/vote`, undefined, keys.a)).toEqual({
      voted: true,
      changed: false,
      votes: 1,
    });
    expect(await ok('POST', `/ideas/${idea.id}/vote`, undefined, keys.b)).toEqual({
      voted: true,
      changed: true,
      votes: 2,
    });
    expect(await ok('DELETE', `/ideas/${idea.id}/vote`, undefined, keys.a)).toEqual({
      voted: false,
      changed: true,
      votes: 1,
    });
    const [n] = (
      await sql<{
        n: string;
      }>`select count(*) as n from idea_votes where idea_id = ${idea.id}::bigint`.execute(
        app.database.db,
      )
    ).rows;
    expect(Number(n!.n)).toBe(1);
  });

  it('merges an idea into another and undoes it, every vote and supporter back exactly', async () => {
    const db = app.database.db;
    const { items } = await queue();
    const pdf = groupOf(items, PDF[0]!)!;
    const rollover = groupOf(items, ROLLOVER[0]!)!;
    const a = await ok<Idea>('POST', '/ideas/candidates/create', {
      mentionIds: pdf.candidates.map((c) => c.mentionId),
      title: 'Factures PDF',
    });
    const b = await ok<Idea>('POST', '/ideas/candidates/create', {
      mentionIds: rollover.candidates.map((c) => c.mentionId),
      title: 'Data rollover',
    });
    for (const key of [keys.a, keys.b]) await ok('POST', `/ideas/${a.id}/vote`, undefined, key);
    for (const key of [keys.b, keys.c]) await ok('POST', `/ideas/${b.id}/vote`, undefined, key);
    const snapshot = async () => ({
      votes: await db
        .selectFrom('idea_votes')
        .select(['idea_id', 'voter_key', 'created_at'])
        .orderBy(['idea_id', 'voter_key'])
        .execute(),
      links: await db
        .selectFrom('idea_mentions')
        .select(['idea_id', 'mention_id'])
        .orderBy(['idea_id', 'mention_id'])
        .execute(),
      a: (await ok<Idea>('GET', `/ideas/${a.id}`)).demand,
      b: (await ok<Idea>('GET', `/ideas/${b.id}`)).demand,
    });
    const before = await snapshot();

    const merged = await ok<Idea>('POST', `/ideas/${a.id}/merge`, { into: b.id });
    // Reviewer B voted for both: one person, one vote on the surviving idea.
    expect(merged.demand.votes).toBe(3);
    expect(merged.demand.supporters).toBe(before.a.supporters + before.b.supporters);
    expect(merged.demand.mentions).toBe(before.a.mentions + before.b.mentions);
    const board = await ok<{ items: Idea[] }>('GET', '/ideas');
    expect(board.items.some((i) => i.id === a.id)).toBe(false);
    expect((await call('POST', `/ideas/${a.id}/vote`, undefined, keys.c)).status).toBe(409);
    const detail = await ok<{
      mergedIdeas: { id: string }[];
      merges: { undoneAt: string | null }[];
    }>('GET', `/ideas/${b.id}`);
    expect(detail.mergedIdeas.map((m) => m.id)).toEqual([a.id]);

    await ok('POST', `/ideas/${a.id}/unmerge`);
    expect(await snapshot()).toEqual(before);
    const history = await ok<{ merges: { undoneAt: string | null }[] }>('GET', `/ideas/${a.id}`);
    expect(history.merges).toHaveLength(1);
    expect(history.merges[0]!.undoneAt).not.toBeNull();
  });

  it('aggregates reviewer scores with their disagreement and audits every change', async () => {
    const idea = (await ok<{ items: Idea[] }>('GET', '/ideas?q=eSIM')).items[0]!;
    await ok(
      'PUT',
      `/ideas/${idea.id}/score`,
      { feasibility: 1, impact: 4, comment: 'Needs the HSS upgrade.' },
      keys.a,
    );
    await ok(
      'PUT',
      `/ideas/${idea.id}/score`,
      { feasibility: 3, impact: 4, comment: 'Vendor ready.' },
      keys.b,
    );
    await ok('PUT', `/ideas/${idea.id}/score`, { feasibility: 4, impact: 1, comment: '' }, keys.c);
    let scored = await ok<Idea>('GET', `/ideas/${idea.id}`);
    expect(scored.scores.reviewers).toBe(3);
    expect(scored.scores.feasibility).toEqual({ mean: 2.67, stddev: 1.25, min: 1, max: 4 });
    expect(scored.scores.impact).toEqual({ mean: 3, stddev: 1.41, min: 1, max: 4 });

    await ok(
      'PUT',
      `/ideas/${idea.id}/score`,
      { feasibility: 2, impact: 4, comment: 'Needs the HSS upgrade.' },
      keys.a,
    );
    scored = await ok<Idea>('GET', `/ideas/${idea.id}`);
    expect(scored.scores.feasibility?.mean).toBe(3);
    const audit = await ok<{
      items: { reviewer: string; feasibility: { old: number | null; new: number } }[];
    }>('GET', `/ideas/${idea.id}/score-audit`);
    expect(audit.items).toHaveLength(4);
    expect(audit.items[3]).toMatchObject({
      reviewer: 'Reviewer A',
      feasibility: { old: 1, new: 2 },
    });
    expect(audit.items[0]).toMatchObject({
      reviewer: 'Reviewer A',
      feasibility: { old: null, new: 1 },
    });

    const refused = await call<{ error: { code: string } }>('PUT', `/ideas/${idea.id}/score`, {
      feasibility: 5,
      impact: 1,
    });
    expect(refused.status).toBe(400);
    expect(
      (await call('PUT', `/ideas/${idea.id}/score`, { feasibility: 1, impact: 1 }, app.readerKey))
        .status,
    ).toBe(403);
    const grid = await ok<{
      points: { id: string; feasibility: number; impact: number; disagreement: number }[];
    }>('GET', '/ideas/grid');
    expect(grid.points.find((p) => p.id === idea.id)).toMatchObject({
      feasibility: 3,
      impact: 3,
      disagreement: 1.41,
    });
  });

  it('emits one signed webhook event per status change and prepares a reply for each public supporter', async () => {
    const received: { headers: Record<string, string>; body: Buffer }[] = [];
    const receiver = express();
    receiver.post('/hook', express.raw({ type: '*/*' }), (req, res) => {
      received.push({ headers: req.headers as Record<string, string>, body: req.body as Buffer });
      res.status(204).end();
    });
    const server: Server = await new Promise((resolve) => {
      const s = receiver.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const secret = 'idea-webhook-secret-0123456789';
      await ok('POST', '/ideas/webhooks', { url, secret });
      const idea = (await ok<{ items: Idea[] }>('GET', '/ideas?q=eSIM')).items[0]!;

      await ok('POST', `/ideas/${idea.id}/status`, {
        status: 'planned',
        reason: 'Prévu pour le premier semestre.',
      });
      await waitFor('the first event', async () => received.length >= 1);
      await ok('POST', `/ideas/${idea.id}/status`, { status: 'in_progress', reason: '' });
      await waitFor('the second event', async () => received.length >= 2);
      // Both jobs are finished once each change has its delivery recorded: nothing else may arrive.
      await waitFor('both deliveries recorded', async () => {
        const r = await sql<{
          n: string;
        }>`select count(*) as n from idea_webhook_deliveries where delivered_at is not null`.execute(
          app.database.db,
        );
        return Number(r.rows[0]!.n) === 2;
      });
      expect(received).toHaveLength(2);
      const events = received.map((r) => {
        verifyWebhook({
          secret,
          rawBody: r.body,
          timestampHeader: r.headers['x-ecoute-timestamp'],
          signatureHeader: r.headers['x-ecoute-signature'],
          toleranceS: 300,
        });
        return JSON.parse(r.body.toString('utf8')) as {
          eventId: string;
          to: string;
          from: string;
          reason: string;
          idea: { id: string };
        };
      });
      expect(events.map((e) => [e.from, e.to])).toEqual([
        ['new', 'planned'],
        ['planned', 'in_progress'],
      ]);
      expect(new Set(events.map((e) => e.eventId)).size).toBe(2);
      expect(events[0]!.reason).toBe('Prévu pour le premier semestre.');

      const detail = await ok<{
        replies: { text: string; lang: string; statusChangeId: string; status: string }[];
        demand: Idea['demand'];
        history: { id: string; to: string }[];
      }>('GET', `/ideas/${idea.id}`);
      expect(detail.history.map((h) => h.to)).toEqual(['new', 'planned', 'in_progress']);
      expect(detail.replies).toHaveLength(detail.demand.supporters * 2);
      // The status-change job handed them to the inbox itself, before sending the event.
      expect(detail.replies.every((r) => r.status === 'handed_over')).toBe(true);
      await expectDraftsInInbox(idea.id);
      // A retried job (the same change run again) adds no draft and no conversation.
      const conversations = await app.database.db
        .selectFrom('conversations')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      await runStatusChange({ ...app.deps, replySink: inboxReplySink }, detail.history[1]!.id);
      await expectDraftsInInbox(idea.id);
      expect(
        await app.database.db
          .selectFrom('conversations')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ).toEqual(conversations);
      expect(received).toHaveLength(2);
      const fr = detail.replies.find((r) => r.lang === 'fr')!;
      expect(fr.text).toContain(
        '« eSIM support » est maintenant prévue. Prévu pour le premier semestre.',
      );
      expect(
        detail.replies.some(
          (r) => r.lang === 'en' && r.text.includes('"eSIM support" is now planned'),
        ),
      ).toBe(true);

      const same = await call<{ error: { details: { field: string }[] } }>(
        'POST',
        `/ideas/${idea.id}/status`,
        { status: 'in_progress', reason: '' },
      );
      expect(same.status).toBe(400);
      expect(same.body.error.details[0]?.field).toBe('status');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('credits the givers of adopted ideas and adds the value of supporters’ customer accounts', async () => {
    const db = app.database.db;
    const idea = (await ok<{ items: Idea[] }>('GET', '/ideas?q=eSIM')).items[0]!;
    const contributors = await ok<{
      items: { kind: string; name: string; ideas: { id: string }[] }[];
    }>('GET', '/ideas/contributors');
    // The giver of an idea from the crowd is the author of its earliest supporting mention.
    const earliest = await db
      .selectFrom('idea_mentions')
      .innerJoin('mentions', 'mentions.id', 'idea_mentions.mention_id')
      .innerJoin('authors', 'authors.id', 'mentions.author_id')
      .select('authors.handle')
      .where('idea_mentions.idea_id', '=', idea.id)
      .orderBy('mentions.published_at')
      .orderBy('mentions.id')
      .executeTakeFirstOrThrow();
    const giver = contributors.items.find((c) => c.ideas.some((i) => i.id === idea.id));
    expect(giver).toMatchObject({ kind: 'author', name: earliest.handle, adopted: 1 });

    const detail = await ok<{ mentions: { author: { id: string } | null }[] }>(
      'GET',
      `/ideas/${idea.id}`,
    );
    const author = detail.mentions[0]!.author!.id;
    const customer = await db
      .insertInto('customers')
      .values({ external_id: 'TEST-IDEAS', name: 'Test SA', value: 4200 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('customer_identities')
      .values({
        customer_id: customer.id,
        author_id: author,
        status: 'confirmed',
        method: 'exact_handle',
        confidence: 1,
        evidence: '[]',
        decided_by: 'test',
        decided_at: new Date(),
      })
      .execute();
    const valued = await ok<Idea>('GET', `/ideas/${idea.id}`);
    expect(valued.demand.customers).toBeGreaterThanOrEqual(1);
    expect(valued.demand.customerValue).toBeGreaterThanOrEqual(4200);

    const roadmap = await ok<{ columns: { status: string; ideas: { id: string }[] }[] }>(
      'GET',
      '/ideas/roadmap',
    );
    expect(roadmap.columns.map((c) => c.status)).toEqual([
      'new',
      'under_review',
      'planned',
      'in_progress',
      'done',
      'declined',
    ]);
    expect(roadmap.columns.find((c) => c.status === 'in_progress')!.ideas.map((i) => i.id)).toEqual(
      [idea.id],
    );

    await ok('POST', `/ideas/${idea.id}/leaders`, { authorId: author, note: 'Asked first' });
    const leaders = await ok<{ items: { authorId: string; supporter: boolean }[] }>(
      'GET',
      `/ideas/${idea.id}/leaders`,
    );
    expect(leaders.items).toEqual([expect.objectContaining({ authorId: author, supporter: true })]);
  });
});
