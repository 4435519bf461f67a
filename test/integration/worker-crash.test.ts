import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../core/config/config.js';
import { Queues, queueSettings } from '../../core/queue/queues.js';
import { SecretBox } from '../../core/security/secret-box.js';
import { createSource } from '../../core/sources/source.service.js';
import { exited, spawnWorker } from '../support/child-worker.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { redisUrl } from '../support/pg-url.js';
import {
  createTestDatabase,
  testQueuePrefix,
  waitFor,
  type TestDatabase,
} from '../support/test-db.js';
import { QUEUES } from '../../core/queue/jobs.js';

const ITEMS = 3_000;

function bigFeed(n: number): string {
  const items = Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(2026, 10, 1) + i * 60_000).toUTCString();
    return `<item><title>Avis ${i}</title><guid isPermaLink="false">item-${i}</guid><pubDate>${day}</pubDate>
      <description>Message ${i} : la box Vélia coupe encore, je ne comprends pas pourquoi.</description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big</title>
    <link>https://example.org/</link><description>d</description>${items.join('')}</channel></rss>`;
}

describe('a worker killed in the middle of a batch', () => {
  let database: TestDatabase;
  let feeds: FeedServer;
  let queues: Queues;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    feeds = await startFeedServer();
    const home = await mkdtemp(path.join(os.tmpdir(), 'ecoute-crash-'));
    const prefix = testQueuePrefix();
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      ECOUTE_HOME: home,
      OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
      ANALYZE_THREADS: '1',
      JOB_LOCK_MS: '2000',
      JOB_BACKOFF_MS: '200',
    };
    queues = new Queues(queueSettings(testConfig({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix })));
  });
  afterAll(async () => {
    for (const q of QUEUES)
      await queues.byName[q].obliterate({ force: true }).catch(() => undefined);
    await queues.close();
    await feeds.close();
    await database.drop();
  });

  it(
    'leaves no partial batch, and the retry stores every mention exactly once',
    { timeout: 120_000 },
    async () => {
      feeds.set('/big.xml', 200, bigFeed(ITEMS));
      const home = env.ECOUTE_HOME!;
      const source = await createSource(
        {
          db: database.db,
          queues: null,
          secrets: await SecretBox.load(undefined, home),
          allowHosts: ['127.0.0.1'],
        },
        {
          kind: 'rss',
          name: 'big feed',
          config: { url: feeds.url('/big.xml') },
          pollIntervalS: 3600,
        },
      );
      // Hold one mention of the batch in an open transaction: the worker's transaction inserts the
      // mentions before it, then waits on that row, uncommitted — the middle of the batch.
      const locker = new pg.Client({ connectionString: database.url });
      await locker.connect();
      await locker.query('begin');
      await locker.query(
        `insert into mentions (platform, external_id, text, published_at) values ('rss', 'item-1500', 'held', now())`,
      );
      const worker = spawnWorker(env);
      try {
        await queues.enqueue('source.poll', { sourceId: source.id }, { jobId: 'crash-poll' });
        const blocked: number[] = await waitFor(
          'the batch to block in the middle of its insert',
          async () => {
            // Asked outside the locker's transaction, which would see a frozen pg_stat_activity.
            const r = await sql<{ pid: number }>`
            select pid from pg_stat_activity
            where datname = current_database() and application_name = 'ecoute-worker'
              and wait_event_type = 'Lock' and query ilike '%insert into mentions%'`.execute(
              database.db,
            );
            return r.rows.length > 0 ? r.rows.map((x) => x.pid) : null;
          },
          30_000,
        );
        worker.kill('SIGKILL');
        await exited(worker);
        await locker.query('rollback');
        // The orphaned transaction never commits: once its backend notices, nothing is left.
        await waitFor('the killed transactions to end', async () => {
          const r = await sql`select 1 from pg_stat_activity where pid = any(${blocked})`.execute(
            database.db,
          );
          return r.rows.length === 0;
        });
        const partial = await locker.query<{ n: string }>('select count(*) as n from mentions');
        expect(Number(partial.rows[0]!.n)).toBe(0);
        const cursor = await locker.query<{ cursor: unknown }>(
          'select cursor from sources where id = $1',
          [source.id],
        );
        expect(cursor.rows[0]!.cursor).toBeNull();
      } finally {
        await locker.end();
        if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
      }

      // A second worker picks the stalled job up and completes it.
      const second = spawnWorker(env);
      try {
        const stored = await waitFor(
          'the retried poll to store the batch',
          async () => {
            const r = await database.db
              .selectFrom('mentions')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow();
            return Number(r.n) >= ITEMS ? Number(r.n) : null;
          },
          60_000,
          200,
        );
        expect(stored).toBe(ITEMS);
        const distinct = await database.db
          .selectFrom('mentions')
          .select((eb) => eb.fn.count<string>('external_id').distinct().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(distinct.n)).toBe(ITEMS);
        const row = await database.db
          .selectFrom('sources')
          .select(['cursor', 'items_total'])
          .where('id', '=', source.id)
          .executeTakeFirstOrThrow();
        expect(row.cursor).not.toBeNull();
        expect(Number(row.items_total)).toBe(ITEMS);
      } finally {
        second.kill('SIGTERM');
        await exited(second);
      }
    },
  );
});
