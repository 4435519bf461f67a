import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeInfluence } from '../../core/influence/influence.service.js';
import { findRun } from '../../core/influence/influence.repository.js';
import { loadInteractions } from '../../core/influence/interaction.repository.js';
import { storeMentions } from '../../core/mentions/mention-writer.js';
import {
  normalizedMentionSchema,
  type NormalizedMentionInput,
} from '../../core/mentions/normalized-mention.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

const alice = { id: 'alice@m.social', handle: 'alice@m.social', name: 'Alice', followers: 900 };
const bob = { id: 'bob@m.social', handle: 'bob@m.social', name: 'Bob', followers: 40 };
const carol = { id: 'carol@other.host', handle: 'carol@other.host', name: 'Carol', followers: 15 };
const dan = { id: 'dan@m.social', handle: 'dan@m.social', name: 'Dan', followers: 3 };
const blueAlice = { id: 'did:plc:alice', handle: 'alice', name: 'Another Alice' };

function post(
  externalId: string,
  author: NormalizedMentionInput['author'],
  text: string,
  extra: Partial<NormalizedMentionInput> = {},
) {
  return normalizedMentionSchema.parse({
    platform: 'mastodon',
    externalId,
    author,
    text,
    publishedAt: hoursAgo(Number(externalId.replace(/\D/g, '')) || 1),
    ...extra,
  });
}

/** A hand-made conversation with every kind of interaction, and the cases to leave out. */
const THREAD = [
  post('m1', alice, 'Ma box est en panne depuis hier.'),
  // A Mastodon reply writes "@parent" in the text: one reply, not a reply and a mention.
  post('m2', bob, '@alice je confirme, pareil ici.', { parentId: 'm1', threadId: 'm1' }),
  // A local mention without instance ("@bob") and a full one ("@alice@m.social").
  post('m3', carol, 'Voyez @bob et @alice@m.social, ils ont raison.'),
  post('m4', bob, 'Bien dit, je partage.', { quotedId: 'm3' }),
  // A repost carries the quoted text and nothing else.
  post('m5', alice, 'Voyez @bob et @alice@m.social, ils ont raison.', { quotedId: 'm3' }),
  // Answering oneself down a thread.
  post('m6', alice, 'Mise à jour : toujours en panne.', { parentId: 'm1', threadId: 'm1' }),
  // An e-mail address and an unknown handle are not mentions of known authors.
  post('m7', carol, 'Écrivez à contact@m.social ou à @nobody.'),
  post('m8', bob, 'RT @carol: Voyez @bob et @alice', { quotedId: 'm3' }),
  post('m9', carol, '@bob @bob merci !', { parentId: 'm2', threadId: 'm1' }),
  // Outside the 7-day window.
  post('m10', dan, '@alice vieux message', { parentId: 'm1', publishedAt: hoursAgo(24 * 20) }),
  // Same handle on another platform: never resolved across platforms.
  post('b1', blueAlice, 'hello @bob', { platform: 'bluesky' }),
];

describe('interaction graph from stored mentions', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await storeMentions(database.db, null, THREAD);
  });
  afterAll(async () => {
    await database.drop();
  });

  async function idOf(handle: string): Promise<string> {
    const row = await database.db
      .selectFrom('authors')
      .select('id')
      .where('handle', '=', handle)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('finds replies, quotes, reposts and resolved mentions, each counted once per mention', async () => {
    const [a, b, c] = await Promise.all([alice, bob, carol].map((x) => idOf(x.handle)));
    const window = {
      topicId: null,
      windowDays: 7,
      start: new Date(NOW.getTime() - 7 * 86_400_000),
      end: NOW,
    };
    const rows = await loadInteractions(database.db, window);
    const name = new Map([
      [a, 'alice'],
      [b, 'bob'],
      [c, 'carol'],
    ]);
    const readable = rows
      .map((r) => `${name.get(r.source)} ${r.kind} ${name.get(r.target)} x${r.count}`)
      .sort();
    expect(readable).toEqual([
      'alice reply alice x1',
      'alice repost carol x1',
      'bob quote carol x1',
      'bob reply alice x1',
      'bob repost carol x1',
      'carol mention alice x1',
      'carol mention bob x1',
      'carol reply bob x1',
    ]);
  });

  it('stores a run whose edges drop the self-loop and whose scores rank the most quoted and reposted author first', async () => {
    const summary = await computeInfluence(
      { db: database.db },
      { topicId: null, windowDays: 7 },
      { now: NOW },
    );
    expect(summary).toMatchObject({
      authors: 4,
      edges: 5,
      droppedSelfLoops: 1,
      droppedFromBots: 0,
    });

    const run = await findRun(database.db, null, 7);
    expect(run).toMatchObject({ windowDays: 7, authors: 4, edges: 5 });
    expect(run!.windowEnd.toISOString()).toBe(NOW.toISOString());

    const { rows: edges } = await sql<{
      source: string;
      target: string;
      weight: number;
      quotes: number;
      reposts: number;
    }>`
      select sa.handle as source, ta.handle as target, e.weight, e.quotes, e.reposts
      from influence_edges e join authors sa on sa.id = e.source_id join authors ta on ta.id = e.target_id
      where e.run_id = ${run!.id} order by 1, 2`.execute(database.db);
    expect(edges.map((e) => `${e.source}>${e.target}:${e.weight}`)).toEqual([
      'alice@m.social>carol@other.host:1',
      'bob@m.social>alice@m.social:1',
      'bob@m.social>carol@other.host:2',
      'carol@other.host>alice@m.social:0.5',
      'carol@other.host>bob@m.social:1.5',
    ]);

    const { rows: scores } = await sql<{
      handle: string;
      rank: number;
      volume: number;
      in_degree: number;
    }>`
      select a.handle, s.rank, s.volume, s.in_degree from influence_scores s
      join authors a on a.id = s.author_id where s.run_id = ${run!.id} order by s.rank`.execute(
      database.db,
    );
    expect(scores.map((s) => s.handle)).toEqual([
      'carol@other.host',
      'alice@m.social',
      'bob@m.social',
      'alice',
    ]);
    expect(scores.find((s) => s.handle === 'carol@other.host')).toMatchObject({
      volume: 3,
      in_degree: 2,
    });
    expect(scores.some((s) => s.handle === 'dan@m.social')).toBe(false);
  });

  it('replaces the stored run of the same topic and window when computed again', async () => {
    const first = await computeInfluence(
      { db: database.db },
      { topicId: null, windowDays: 7 },
      { now: NOW },
    );
    const second = await computeInfluence(
      { db: database.db },
      { topicId: null, windowDays: 7 },
      { now: NOW },
    );
    expect(second.runId).toBe(first.runId);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from influence_scores where run_id = ${second.runId}`.execute(
      database.db,
    );
    expect(rows[0]!.n).toBe(second.authors);
  });
});
