import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../core/queue/jobs.js';
import { Queues, queueSettings } from '../../core/queue/queues.js';
import { testConfig } from '../../core/config/config.js';
import { redisUrl } from '../support/pg-url.js';
import { runCli } from '../support/run-cli.js';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '../support/test-db.js';

describe('ecoute import', () => {
  let database: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  let queues: Queues;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'ecoute-import-'));
    const prefix = testQueuePrefix();
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      ECOUTE_HOME: dir,
    };
    queues = new Queues(queueSettings(testConfig({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix })));
  });
  afterAll(async () => {
    for (const q of QUEUES)
      await queues.byName[q].obliterate({ force: true }).catch(() => undefined);
    await queues.close();
    await database.drop();
  });

  it('reports bad JSON Lines with their line numbers and reasons, and stores the good ones', async () => {
    const file = path.join(dir, 'mentions.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({
          platform: 'mastodon',
          externalId: '1',
          text: 'Je vais résilier',
          publishedAt: '2026-11-01T10:00:00Z',
        }),
        '{"platform": "mastodon", "externalId": "2", "text": ',
        JSON.stringify({
          platform: 'mastodon',
          externalId: '3',
          text: 'Please add dark mode',
          publishedAt: 'not a date',
        }),
        '',
        JSON.stringify({
          platform: 'mastodon',
          externalId: '4',
          text: 'Super service',
          publishedAt: '2026-11-02T10:00:00Z',
          author: { id: 'a1', handle: 'alice' },
        }),
        JSON.stringify({
          platform: 'mastodon',
          externalId: '1',
          text: 'Je vais résilier',
          publishedAt: '2026-11-01T10:00:00Z',
        }),
      ].join('\n'),
    );
    const r = await runCli(['import', file], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('read 5 lines: 2 accepted, 1 duplicates, 2 rejected');
    expect(r.stderr).toMatch(/line 2: invalid JSON/);
    expect(r.stderr).toMatch(
      /line 3: publishedAt: is not a valid date|line 3: publishedAt: Invalid/,
    );
    const rows = await database.db
      .selectFrom('mentions')
      .select('external_id')
      .orderBy('external_id')
      .execute();
    expect(rows.map((x) => x.external_id)).toEqual(['1', '4']);
    const author = await database.db
      .selectFrom('authors')
      .select('handle')
      .executeTakeFirstOrThrow();
    expect(author.handle).toBe('alice');
    expect(await queues.byName.analyze.getWaitingCount()).toBe(1);
  });

  it('imports CSV with a header row and exits 0 when every line is accepted', async () => {
    const file = path.join(dir, 'export.csv');
    await writeFile(
      file,
      'platform,external_id,text,published_at,author_handle,likes\n' +
        'reddit,t3_a,"Panne fibre, encore",2026-11-03T08:00:00Z,bob,4\n' +
        'reddit,t3_b,"Switching to Kappa, bye",2026-11-03T09:00:00Z,carol,\n',
    );
    const r = await runCli(['import', file, '--source', 'CRM export'], env);
    expect(r.stderr).toContain('read 2 lines: 2 accepted, 0 duplicates, 0 rejected');
    expect(r.code).toBe(0);
    const rows = await database.db
      .selectFrom('mentions')
      .innerJoin('sources', 'sources.id', 'mentions.source_id')
      .select(['mentions.external_id', 'mentions.likes', 'sources.name'])
      .where('mentions.platform', '=', 'reddit')
      .orderBy('mentions.external_id')
      .execute();
    expect(rows).toEqual([
      { external_id: 't3_a', likes: 4, name: 'CRM export' },
      { external_id: 't3_b', likes: null, name: 'CRM export' },
    ]);
  });

  it('refuses an unknown file format with a usage error', async () => {
    const r = await runCli(['import', path.join(dir, 'x.txt')], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot tell the format');
  });
});
