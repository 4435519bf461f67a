import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { drainBacklog } from '../../core/dialogue/assignment-backlog.js';
import { assign, setStatus } from '../../core/dialogue/conversation-actions.js';
import { processBatch } from '../../core/dialogue/conversation-open.service.js';
import { conversationRiskFactors } from '../../core/dialogue/conversation-risk.js';
import { createAgent, setBrandAccounts, updateAgent } from '../../core/dialogue/dialogue-admin.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { conversationsDrainJob } from '../../workers/jobs/conversations-drain.job.js';
import type { WorkerDeps } from '../../workers/job-handler.js';
import type { Job } from 'bullmq';
import { addAgents, conversationsOf, minutesAgo, seedMentions } from '../fixtures/dialogue/seed.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

beforeEach(async () => {
  const db = database.db;
  await sql`truncate conversations, agents, brand_accounts, mentions, authors, customers restart identity cascade`.execute(
    db,
  );
  await db
    .updateTable('dialogue_settings')
    .set({
      last_assigned_agent_id: null,
      assignment_mode: 'round_robin',
      time_zone: 'UTC',
      week: JSON.stringify(
        Object.fromEntries(
          ['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [['00:00', '24:00']]]),
        ),
      ),
    })
    .execute();
});

describe('conversations opened by rules', () => {
  it('opens one conversation per flagged thread with the whole Mastodon reply chain, and leaves calm threads alone', async () => {
    const db = database.db;
    const ids = await seedMentions(db, [
      {
        platform: 'mastodon',
        externalId: 'm.social:1',
        author: 'ana@m.social',
        text: 'New Vélia plan out today',
        publishedAt: minutesAgo(50),
        analysis: {},
      },
      {
        platform: 'mastodon',
        externalId: 'm.social:2',
        author: 'bob@m.social',
        text: 'My box is broken again, third time',
        publishedAt: minutesAgo(40),
        parent: 'm.social:1',
        analysis: { dissatisfied: true, signals: { discontent: 0.8 } },
      },
      {
        platform: 'mastodon',
        externalId: 'm.social:3',
        author: 'cy@m.social',
        text: 'same here',
        publishedAt: minutesAgo(30),
        parent: 'm.social:2',
        analysis: {},
      },
      {
        platform: 'mastodon',
        externalId: 'm.social:9',
        author: 'dee@m.social',
        text: 'Lovely weather',
        publishedAt: minutesAgo(20),
        analysis: {},
      },
    ]);
    const outcome = await processBatch(db, ids);
    const convs = await conversationsOf(db);
    expect(outcome.opened).toBe(1);
    expect(convs).toHaveLength(1);
    expect(convs[0]).toMatchObject({
      platform: 'mastodon',
      thread_external_id: 'm.social:1',
      status: 'open',
      reasons: ['dissatisfied'],
      messages: 3,
    });
  });

  it('opens on churn intent, confusion and a question to a brand account, and keeps retried batches idempotent', async () => {
    const db = database.db;
    await setBrandAccounts(db, [{ platform: 'bluesky', handle: 'velia.bsky.social' }]);
    const ids = await seedMentions(db, [
      {
        platform: 'reddit',
        externalId: 't3_a',
        author: 'u1',
        text: 'I am cancelling Vélia next month',
        publishedAt: minutesAgo(10),
        analysis: { signals: { churn_intent: 0.9 } },
      },
      {
        platform: 'reddit',
        externalId: 't3_b',
        author: 'u2',
        text: 'How do I set up the router??',
        publishedAt: minutesAgo(9),
        analysis: { signals: { confusion: 0.7 } },
      },
      {
        platform: 'bluesky',
        externalId: 'at://did:plc:x/app.bsky.feed.post/1',
        author: 'did:plc:x',
        text: '@velia.bsky.social does the plan include TV?',
        publishedAt: minutesAgo(8),
        analysis: {},
      },
    ]);
    await processBatch(db, ids);
    await processBatch(db, ids);
    const convs = await conversationsOf(db);
    expect(convs.map((c) => c.reasons)).toEqual([
      ['churn_intent'],
      ['confusion'],
      ['brand_question'],
    ]);
    expect(convs.map((c) => c.messages)).toEqual([1, 1, 1]);
    expect(convs[0]?.priority).toBe('high');
  });

  it('opens for a linked key customer and reports their unanswered and breached conversations', async () => {
    const db = database.db;
    const [authorMentionId] = await seedMentions(db, [
      {
        platform: 'reddit',
        externalId: 't3_k',
        author: 'bigco_it',
        text: 'Anyone tried the new dashboard?',
        publishedAt: minutesAgo(5),
        analysis: {},
      },
    ]);
    const customer = await db
      .insertInto('customers')
      .values({ external_id: 'CRM-1', name: 'BigCo', tier: 'key', value: '300000' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const author = await db
      .selectFrom('authors')
      .select('id')
      .where('handle', '=', 'bigco_it')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('customer_identities')
      .values({
        customer_id: customer.id,
        author_id: author.id,
        status: 'confirmed',
        method: 'exact_handle',
        confidence: 1,
        evidence: '[]',
      })
      .execute();
    await processBatch(db, [authorMentionId!]);
    const [conv] = await conversationsOf(db);
    expect(conv).toMatchObject({ reasons: ['key_customer'], priority: 'high' });
    // Push the first-response due time into the past: the target is now missed.
    await db
      .updateTable('conversations')
      .set({ first_response_due_at: minutesAgo(1) })
      .execute();
    const figures = await conversationRiskFactors(db, [customer.id, '999']);
    expect(figures.get(customer.id)).toEqual({ unanswered: 1, breached: 1 });
    expect(figures.get('999')).toEqual({ unanswered: 0, breached: 0 });
  });
});

describe('assignment and reopening', () => {
  it('assigns round robin within capacity and leaves the overflow unassigned', async () => {
    const db = database.db;
    await addAgents(db, [
      { name: 'Ana', capacity: 1 },
      { name: 'Ben', capacity: 2 },
      { name: 'Away', capacity: 5, available: false },
    ]);
    const ids = await seedMentions(
      db,
      [1, 2, 3, 4, 5].map((n) => ({
        platform: 'reddit',
        externalId: `t3_r${n}`,
        author: `p${n}`,
        text: `broken ${n}`,
        publishedAt: minutesAgo(60 - n),
        analysis: { dissatisfied: true },
      })),
    );
    const outcome = await processBatch(db, ids);
    const convs = await conversationsOf(db);
    const names = new Map(
      (await db.selectFrom('agents').select(['id', 'name']).execute()).map((a) => [a.id, a.name]),
    );
    expect(outcome.assigned).toBe(3);
    expect(convs.map((c) => (c.assignee_id ? names.get(c.assignee_id) : null))).toEqual([
      'Ana',
      'Ben',
      'Ben',
      null,
      null,
    ]);
  });

  it('reopens a resolved conversation when the person writes again, and a brand reply elsewhere counts as the answer', async () => {
    const db = database.db;
    await setBrandAccounts(db, [{ platform: 'reddit', handle: 'velia_support' }]);
    const [first] = await seedMentions(db, [
      {
        platform: 'reddit',
        externalId: 't3_z',
        author: 'zoe',
        text: 'Internet down since this morning',
        publishedAt: minutesAgo(30),
        analysis: { dissatisfied: true },
      },
    ]);
    await processBatch(db, [first!]);
    const [brandReply] = await seedMentions(db, [
      {
        platform: 'reddit',
        externalId: 't1_s',
        author: 'velia_support',
        text: 'Sorry Zoe, we are on it',
        publishedAt: minutesAgo(20),
        parent: 't3_z',
        thread: 't3_z',
        analysis: {},
      },
    ]);
    await processBatch(db, [brandReply!]);
    let [conv] = await conversationsOf(db);
    expect(conv).toMatchObject({ status: 'pending', messages: 2 });
    await db
      .updateTable('conversations')
      .set({ status: 'resolved', resolved_at: minutesAgo(15) })
      .execute();
    const [again] = await seedMentions(db, [
      {
        platform: 'reddit',
        externalId: 't1_z2',
        author: 'zoe',
        text: 'ok thanks',
        publishedAt: minutesAgo(5),
        parent: 't1_s',
        thread: 't3_z',
        analysis: {},
      },
    ]);
    await processBatch(db, [again!]);
    [conv] = await conversationsOf(db);
    expect(conv).toMatchObject({ status: 'open', reopened_count: 1, messages: 3 });
    const events = await db
      .selectFrom('conversation_events')
      .select('kind')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.kind)).toEqual(['opened', 'reopened']);
  });

  it('detects breaches of the first-response target from business-hours due times', async () => {
    const db = database.db;
    await db.updateTable('response_targets').set({ first_response_min: 30 }).execute();
    const ids = await seedMentions(db, [
      {
        platform: 'reddit',
        externalId: 't3_late',
        author: 'late',
        text: 'still broken',
        publishedAt: minutesAgo(45),
        analysis: { dissatisfied: true },
      },
      {
        platform: 'reddit',
        externalId: 't3_risk',
        author: 'risk',
        text: 'still broken',
        publishedAt: minutesAgo(25),
        analysis: { dissatisfied: true },
      },
      {
        platform: 'reddit',
        externalId: 't3_new',
        author: 'new',
        text: 'still broken',
        publishedAt: minutesAgo(1),
        analysis: { dissatisfied: true },
      },
    ]);
    await processBatch(db, ids);
    const r = await sql<{ thread_external_id: string; state: string }>`
      select thread_external_id, case when now() > first_response_due_at then 'breached'
        when now() > first_response_warn_at then 'at_risk' else 'on_track' end as state
      from conversations order by id`.execute(db);
    expect(r.rows).toEqual([
      { thread_external_id: 't3_late', state: 'breached' },
      { thread_external_id: 't3_risk', state: 'at_risk' },
      { thread_external_id: 't3_new', state: 'on_track' },
    ]);
  });
});

describe('the unassigned backlog', () => {
  const ownersOf = async () => {
    const db = database.db;
    const names = new Map(
      (await db.selectFrom('agents').select(['id', 'name']).execute()).map((a) => [a.id, a.name]),
    );
    return (await conversationsOf(db)).map((c) =>
      c.assignee_id ? (names.get(c.assignee_id) ?? c.assignee_id) : null,
    );
  };
  const seedFlagged = (n: number, prefix: string) =>
    seedMentions(
      database.db,
      Array.from({ length: n }, (_, i) => ({
        platform: 'reddit',
        externalId: `t3_${prefix}${i}`,
        author: `${prefix}${i}`,
        text: `broken ${i}`,
        publishedAt: minutesAgo(60 - i),
        analysis: { dissatisfied: true },
      })),
    );

  it('deals the backlog when a conversation is resolved or handed over, without a new message in its thread', async () => {
    const db = database.db;
    await addAgents(db, [{ name: 'Ana', capacity: 2 }]);
    await processBatch(db, await seedFlagged(4, 'b'));
    expect(await ownersOf()).toEqual(['Ana', 'Ana', null, null]);
    const [first, second, third] = await conversationsOf(db);

    await setStatus(db, first!.id, 'resolved', 'Ana');
    expect(await ownersOf()).toEqual(['Ana', 'Ana', 'Ana', null]);
    // Resolving it again frees nothing: the backlog is dealt once.
    await setStatus(db, first!.id, 'resolved', 'Ana');
    expect(await ownersOf()).toEqual(['Ana', 'Ana', 'Ana', null]);

    // Handed back to the pool by hand: it waits, and the other one takes the freed place.
    await assign(db, second!.id, null, 'Ana');
    expect(await ownersOf()).toEqual(['Ana', null, 'Ana', 'Ana']);
    const assigned = await db
      .selectFrom('conversation_events')
      .select(['conversation_id', 'detail'])
      .where('kind', '=', 'assigned')
      .orderBy('id')
      .execute();
    expect(assigned.map((e) => e.conversation_id)).toEqual([
      first!.id,
      second!.id,
      third!.id,
      second!.id,
      (await conversationsOf(db))[3]!.id,
    ]);
    expect(await drainBacklog(db)).toBe(0);
  });

  it('deals the backlog when an agent becomes available, is added or gets more room, and a second drain assigns nothing', async () => {
    const db = database.db;
    const [ana, ben] = await addAgents(db, [
      { name: 'Ana', capacity: 1 },
      { name: 'Ben', capacity: 1, available: false },
    ]);
    await processBatch(db, await seedFlagged(5, 'c'));
    expect(await ownersOf()).toEqual(['Ana', null, null, null, null]);

    await updateAgent(db, ben!, { available: true });
    expect(await ownersOf()).toEqual(['Ana', 'Ben', null, null, null]);
    await updateAgent(db, ana!, { capacity: 2 });
    expect(await ownersOf()).toEqual(['Ana', 'Ben', 'Ana', null, null]);
    await createAgent(db, { name: 'Cleo', capacity: 1 });
    expect(await ownersOf()).toEqual(['Ana', 'Ben', 'Ana', 'Cleo', null]);
    // A team change frees no room; nor does a second drain.
    await updateAgent(db, ben!, { team: 'north' });
    expect(await drainBacklog(db)).toBe(0);
    expect(await ownersOf()).toEqual(['Ana', 'Ben', 'Ana', 'Cleo', null]);
  });

  it('deals the most urgent waiting conversation first, and two drains at once never deal one twice', async () => {
    const db = database.db;
    const [ana] = await addAgents(db, [{ name: 'Ana', capacity: 0 }]);
    await processBatch(db, await seedFlagged(3, 'd'));
    const convs = await conversationsOf(db);
    await db
      .updateTable('conversations')
      .set({ priority: 'urgent' })
      .where('id', '=', convs[2]!.id)
      .execute();
    await db.updateTable('agents').set({ capacity: 2 }).where('id', '=', ana!).execute();
    const dealt = await Promise.all([drainBacklog(db), drainBacklog(db), drainBacklog(db)]);
    expect(dealt.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await ownersOf()).toEqual(['Ana', null, 'Ana']);
    const events = await db
      .selectFrom('conversation_events')
      .select('conversation_id')
      .where('kind', '=', 'assigned')
      .execute();
    expect(events.map((e) => e.conversation_id).sort()).toEqual(
      [convs[0]!.id, convs[2]!.id].sort(),
    );
  });

  it('leaves to the periodic drain job the room freed behind the inbox\u2019s back, and it deals it once', async () => {
    const db = database.db;
    const [ana] = await addAgents(db, [{ name: 'Ana', capacity: 1 }]);
    await processBatch(db, await seedFlagged(2, 'e'));
    expect(await ownersOf()).toEqual(['Ana', null]);
    // Room freed by something that drains nothing (here, a direct change to the row).
    await db.updateTable('agents').set({ capacity: 2 }).where('id', '=', ana!).execute();
    expect(await ownersOf()).toEqual(['Ana', null]);

    const deps = { db } as unknown as WorkerDeps;
    const job = {} as Job<Record<string, never>, unknown, 'conversations.drain'>;
    expect(await conversationsDrainJob(job, deps, undefined)).toEqual({ assigned: 1 });
    expect(await ownersOf()).toEqual(['Ana', 'Ana']);
    expect(await conversationsDrainJob(job, deps, undefined)).toEqual({ assigned: 0 });
  });
});
