import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/database.js';
import { computeInfluence } from '../../core/influence/influence.service.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { waitFor } from '../support/test-db.js';

interface Target {
  id: string;
  platform: string;
  handle: string;
}

/** Every (table, column) that can name a person, straight from the catalogue. */
async function personColumns(db: Db) {
  const { rows } = await sql<{ table: string; column: string }>`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = current_schema()
      and column_name in ('author_id', 'mention_id', 'handle', 'source_id', 'target_id')
      and table_name in (select table_name from information_schema.tables
                         where table_schema = current_schema() and table_type = 'BASE TABLE')
    order by 1, 2`.execute(db);
  // source_id and target_id name authors only in the influence graph (elsewhere: sources).
  return rows.filter(
    (r) => !['source_id', 'target_id'].includes(r.column) || r.table === 'influence_edges',
  );
}

/** Per table.column, the rows that name the person (their author ids, mention ids or handle). */
async function references(db: Db, t: Target, mentionIds: string[]) {
  const found: Record<string, number> = {};
  for (const { table, column } of await personColumns(db)) {
    const where =
      column === 'handle'
        ? sql`lower(${sql.ref(column)}) = ${t.handle.toLowerCase()}`
        : column === 'mention_id'
          ? sql`${sql.ref(column)}::text = any(${mentionIds}::text[])`
          : sql`${sql.ref(column)}::text = ${t.id}`;
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(db);
    if (rows[0]!.n > 0) found[`${table}.${column}`] = rows[0]!.n;
  }
  return found;
}

/** Row counts that belong to other people and must not move. */
async function othersCounts(db: Db, t: Target, mentionIds: string[], conversationIds: string[]) {
  const { rows } = await sql<Record<string, number>>`select
    (select count(*)::int from authors where id <> ${t.id}::bigint) as authors,
    (select count(*)::int from mentions where author_id is distinct from ${t.id}::bigint) as mentions,
    (select count(*)::int from mention_analyses where not (mention_id = any(${mentionIds}::bigint[]))) as analyses,
    (select count(*)::int from mention_topics where not (mention_id = any(${mentionIds}::bigint[]))) as topic_matches,
    (select count(*)::int from influence_scores where author_id <> ${t.id}::bigint) as influence_scores,
    (select count(*)::int from conversations where not (id = any(${conversationIds}::bigint[]))) as conversations,
    (select count(*)::int from conversation_messages where not (conversation_id = any(${conversationIds}::bigint[]))
       and not (coalesce(mention_id, 0) = any(${mentionIds}::bigint[]))) as messages,
    (select count(*)::int from ideas) as ideas,
    (select count(*)::int from customers) as customers,
    (select coalesce(sum(authors), 0)::int from influence_runs) as run_authors
  `.execute(db);
  return rows[0]!;
}

describe('erasing a person', () => {
  let app: TestApp;
  let target: Target;
  let mentionIds: string[];
  let conversationIds: string[];

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${app.adminKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status, // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers, checked by the assertions
      body: (await res.json().catch(() => null)) as any,
    };
  };

  beforeAll(async () => {
    app = await startTestApp({ demo: true });
    const db = app.database.db;
    // The inbox and the idea queue fill after analysis, in their own jobs.
    await waitFor(
      'conversations to be opened',
      async () => {
        const r = await sql<{
          n: number;
        }>`select count(*)::int as n from conversations where author_id is not null`.execute(db);
        return r.rows[0]!.n > 0;
      },
      60_000,
    );
    await waitFor(
      'the analysis follow-ups to finish',
      async () => {
        const counts = await app.deps.queues.byName.analyze.getJobCounts(
          'active',
          'waiting',
          'prioritized',
        );
        return Object.values(counts).every((n) => n === 0);
      },
      60_000,
    );
    await computeInfluence({ db }, { topicId: null, windowDays: 365 });
    // Someone with a conversation, replies in threads and an influence score.
    const { rows } = await sql<Target>`
      select a.id, a.platform, a.handle from authors a
      where exists (select 1 from conversations c where c.author_id = a.id)
        and exists (select 1 from influence_scores s where s.author_id = a.id)
        and exists (select 1 from influence_edges e where e.source_id = a.id or e.target_id = a.id)
      order by (select count(*) from mentions m where m.author_id = a.id) desc, a.id limit 1`.execute(
      db,
    );
    target = rows[0]!;
    expect(target).toBeDefined();
    mentionIds = (
      await db.selectFrom('mentions').select('id').where('author_id', '=', target.id).execute()
    ).map((m) => m.id);
    conversationIds = (
      await db.selectFrom('conversations').select('id').where('author_id', '=', target.id).execute()
    ).map((c) => c.id);

    // An idea they support and lead, a CRM account they are linked to and listed in.
    const idea = (await call('POST', '/ideas', { title: 'Recharge automatique' })).body;
    await db
      .insertInto('idea_mentions')
      .values({ idea_id: idea.id, mention_id: mentionIds[0]! } as never)
      .execute();
    expect(
      (await call('POST', `/ideas/${idea.id}/leaders`, { authorId: target.id })).status,
    ).toBeLessThan(300);
    const customer = await db
      .selectFrom('customers')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(
      (await call('POST', `/customers/${customer.id}/identities`, { authorId: target.id })).status,
    ).toBe(201);
    await sql`insert into customer_handles (customer_id, platform, handle)
      values (${customer.id}::bigint, ${target.platform}, ${target.handle.toLowerCase()}) on conflict do nothing`.execute(
      db,
    );
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('exports everything held about them as JSON first', async () => {
    const q = `platform=${encodeURIComponent(target.platform)}&handle=${encodeURIComponent(target.handle)}`;
    const res = await call('GET', `/privacy/export?${q}`);
    expect(res.status).toBe(200);
    expect(res.body.authors.map((a: { id: string }) => a.id)).toEqual([target.id]);
    expect(res.body.tables.mentions).toHaveLength(mentionIds.length);
    expect(res.body.tables.mention_analyses).toHaveLength(mentionIds.length);
    for (const t of [
      'conversations',
      'conversation_messages',
      'influence_scores',
      'influence_edges',
      'idea_leaders',
      'idea_mentions',
      'customer_identities',
      'customer_handles',
    ]) {
      expect(res.body.tables[t]?.length ?? 0, t).toBeGreaterThan(0);
    }
  });

  it('leaves no row naming them in any table, and every other count as it was', async () => {
    const db = app.database.db;
    const before = await references(db, target, mentionIds);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining([
        'authors.handle',
        'mentions.author_id',
        'conversations.author_id',
        'influence_scores.author_id',
        'idea_leaders.author_id',
        'customer_identities.author_id',
        'customer_handles.handle',
        'mention_analyses.mention_id',
      ]),
    );
    const others = await othersCounts(db, target, mentionIds, conversationIds);
    // Other people's posts that name them by handle ("@margaux_conso …", a reply's mention list).
    const local = target.handle.toLowerCase().split('@')[0]!;
    const naming = async () =>
      (
        await sql<{ id: string; text: string; raw: string }>`
          select id, text, raw::text as raw from mentions
          where author_id is distinct from ${target.id}::bigint
            and (text ~* ${`@${local}(?![a-z0-9_])`} or raw::text ilike ${`%${target.handle}%`})`.execute(
          db,
        )
      ).rows;
    const namingBefore = await naming();
    expect(namingBefore.length).toBeGreaterThan(0);

    const res = await call('POST', '/privacy/erasure', {
      platform: target.platform,
      handle: target.handle.toUpperCase(),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ authors: 1, mentions: mentionIds.length });
    expect(res.body.rows.mentions).toBe(mentionIds.length);

    expect(await references(db, target, mentionIds)).toEqual({});
    expect(await othersCounts(db, target, mentionIds, conversationIds)).toEqual(others);
    expect(await naming()).toEqual([]);
    const scrubbed = await db
      .selectFrom('mentions')
      .select(['id', 'text'])
      .where(
        'id',
        'in',
        namingBefore.map((m) => m.id),
      )
      .execute();
    expect(scrubbed).toHaveLength(namingBefore.length);
    expect(scrubbed.some((m) => m.text.includes('[erased]'))).toBe(true);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from emerging_candidates
      where mention_ids && ${mentionIds}::bigint[]`.execute(db);
    expect(rows[0]!.n).toBe(0);
    const alerts = await sql<{ p: string }>`select payload::text as p from alert_events`.execute(
      db,
    );
    expect(alerts.rows.filter((r) => r.p.includes(target.handle))).toEqual([]);
  });

  it('records the erasure in the audit log without the handle that was erased', async () => {
    const entries = await app.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'privacy.erase')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toMatchObject({ authors: 1, mentions: mentionIds.length });
    expect(JSON.stringify(entries[0])).not.toContain(target.handle);
    expect(JSON.stringify(entries[0]).toLowerCase()).not.toContain(target.handle.toLowerCase());
  });

  it('answers 404 for a person Écoute holds nothing about, and again for one just erased', async () => {
    expect(
      (await call('POST', '/privacy/erasure', { platform: target.platform, handle: target.handle }))
        .status,
    ).toBe(404);
    expect((await call('GET', `/privacy/export?authorId=${target.id}`)).status).toBe(404);
    expect(
      (await call('POST', '/privacy/erasure', { authorId: target.id, handle: 'x' })).status,
    ).toBe(400);
  });
});
