/**
 * npm run bench:ingest — 100,000 generated mentions through import → queue → analysis → Postgres,
 * and, in the same run, a raw COPY of the same rows into an identical table (same columns,
 * indexes and generated search column). Prints both rates and their ratio and writes
 * bench/results/ingest.json.
 *
 * The clock stops when every mention is analysed and the analysis's follow-ups (churn risk,
 * conversations, drivers, ideas) have run too: the analyze and maintenance queues have nothing
 * waiting or active. A spike evaluation delayed to the end of its 30 s slot is a timer, not work
 * behind, and is not waited for. The workers connect to Postgres as a worker process does.
 *
 * Runs against its own database (created and dropped) and its own queue prefix.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql } from 'kysely';
import { createAnalysisPool } from '../core/analysis/analysis-pool.js';
import { loadConfig } from '../core/config/config.js';
import { createDb } from '../core/db/database.js';
import { migrateToLatest } from '../core/db/migrate.js';
import { createOutboundHttp } from '../core/http/outbound.js';
import { importRecords, importSource } from '../core/ingestion/file-import.js';
import { openRecords } from '../core/ingestion/record-parsers.js';
import { createLogger } from '../core/logger.js';
import { QUEUES } from '../core/queue/jobs.js';
import { Queues, queueSettings } from '../core/queue/queues.js';
import { SecretBox } from '../core/security/secret-box.js';
import { workerDbOptions } from '../workers/build-deps.js';
import { startWorkers } from '../workers/runtime.js';

const N = Number(process.env.BENCH_MENTIONS ?? 100_000);
const RESULTS = path.resolve(import.meta.dirname, 'results/ingest.json');
/** The queues of the analysis and its follow-ups: the workers run them, the clock waits on them. */
const PIPELINE_QUEUES = ['analyze', 'inbox', 'maintenance'] as const;

const PHRASES = [
  'Je vais résilier mon abonnement, trois pannes ce mois-ci',
  'Ce serait bien de pouvoir mettre la ligne en pause pendant les vacances',
  'Great support from the team today, fixed in five minutes',
  'I am switching to another provider next month, the fibre keeps dropping',
  'Je ne comprends pas ma facture, pourquoi deux prélèvements',
  'Honestly so disappointed with the new app update',
  'La box fonctionne bien depuis la mise à jour, rien à signaler',
  'Please add eSIM support for the mobile plans',
  'Service client injoignable depuis une semaine, inadmissible',
  'How do I change my plan without losing my number?',
];

function mention(i: number) {
  return {
    platform: 'bench',
    externalId: `b-${i}`,
    url: `https://example.org/p/${i}`,
    author: {
      id: `a${i % 5000}`,
      handle: `user${i % 5000}`,
      name: `User ${i % 5000}`,
      followers: (i * 31) % 20000,
    },
    text: `${PHRASES[i % PHRASES.length]} (${i % 977}) #velia`,
    publishedAt: new Date(Date.UTC(2026, 9, 1) + i * 1000).toISOString(),
    likes: i % 13,
    replies: i % 3,
  };
}

async function main() {
  const base = loadConfig();
  const dbName = `ecoute_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: withDb(base.DATABASE_URL, 'postgres') });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = withDb(base.DATABASE_URL, dbName);
  const logger = createLogger('warn');
  const home = await mkdtemp(path.join(os.tmpdir(), 'ecoute-bench-'));
  const config = {
    ...base,
    DATABASE_URL: url,
    QUEUE_PREFIX: `ecoute-bench-${Date.now()}`,
    ECOUTE_HOME: home,
  };
  const db = createDb(workerDbOptions(config));
  const queues = new Queues(queueSettings(config));
  const pool = createAnalysisPool(config.ANALYZE_THREADS);
  try {
    await migrateToLatest(db);
    const file = path.join(home, 'mentions.jsonl');
    await writeFile(
      file,
      Array.from({ length: N }, (_, i) => JSON.stringify(mention(i))).join('\n'),
    );

    const workers = await startWorkers(
      {
        config,
        db,
        queues,
        pool,
        logger,
        http: createOutboundHttp({ timeoutMs: 1000, maxBytes: 1024, allowHosts: [] }),
        secrets: await SecretBox.load(undefined, home),
      },
      { schedule: false, queues: [...PIPELINE_QUEUES] },
    );
    // Warm the analysis threads (model loading is not part of the sustained rate).
    await pool.run({
      items: [
        {
          text: 'warm up',
          url: null,
          title: null,
          langHint: null,
          authorHandle: null,
          platform: 'x',
          sourceName: null,
        },
      ],
      topics: [],
      modelsDir: null,
    });

    const started = performance.now();
    const sourceId = await importSource(db, 'bench');
    const summary = await importRecords(
      { db, queues, logger, analyzeBatchSize: config.ANALYZE_BATCH_SIZE },
      sourceId,
      openRecords(file, 'jsonl'),
    );
    const imported = performance.now();
    for (;;) {
      const r = await sql<{ n: number }>`select count(*)::int as n from mention_analyses`.execute(
        db,
      );
      if (r.rows[0]!.n >= summary.accepted) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const analysed = performance.now();
    while ((await followUpsPending(queues)) > 0) await new Promise((res) => setTimeout(res, 50));
    const done = performance.now();
    if (process.env.BENCH_PROFILE) {
      // Where the time goes, per job name (processing time summed over the jobs kept in Redis).
      const jobs = (
        await Promise.all(PIPELINE_QUEUES.map((q) => queues.byName[q].getCompleted(0, 5_000)))
      ).flat();
      const byName = new Map<string, { n: number; ms: number }>();
      for (const j of jobs) {
        const e = byName.get(j.name) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += (j.finishedOn ?? 0) - (j.processedOn ?? 0);
        byName.set(j.name, e);
      }
      for (const [name, e] of byName)
        console.log(`  ${name}: ${e.n} jobs, ${(e.ms / 1000).toFixed(1)} s`);
    }
    await workers.close();
    const seconds = (done - started) / 1000;
    const mentionsPerS = summary.accepted / seconds;

    // The same rows, COPYed into a table identical to mentions.
    await sql`create table mentions_copy (like mentions including all)`.execute(db);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const copyStarted = performance.now();
    const rows = Readable.from(
      (function* () {
        for (let i = 0; i < N; i++) {
          const m = mention(i);
          yield (
            [
              m.platform,
              m.externalId,
              m.url,
              m.text.replaceAll('\\', '\\\\'),
              m.publishedAt,
              m.likes,
              m.replies,
              JSON.stringify(m).replaceAll('\\', '\\\\'),
            ].join('\t') + '\n'
          );
        }
      })(),
    );
    await pipeline(
      rows,
      client.query(
        copyFrom(
          'copy mentions_copy (platform, external_id, url, text, published_at, likes, replies, raw) from stdin',
        ),
      ),
    );
    const copySeconds = (performance.now() - copyStarted) / 1000;
    await client.end();
    const copyRowsPerS = N / copySeconds;

    const result = {
      mentions_per_s: Math.round(mentionsPerS),
      copy_rows_per_s: Math.round(copyRowsPerS),
      ratio: Number((mentionsPerS / copyRowsPerS).toFixed(3)),
      mentions: summary.accepted,
    };
    console.log(
      `import → queue → analysis → Postgres: ${summary.accepted} mentions in ${seconds.toFixed(2)} s`,
    );
    console.log(
      `  (import alone ${((imported - started) / 1000).toFixed(2)} s, all analysed at ` +
        `${((analysed - started) / 1000).toFixed(2)} s) = ${result.mentions_per_s} mentions/s`,
    );
    console.log(
      `raw COPY of the same rows: ${copySeconds.toFixed(2)} s = ${result.copy_rows_per_s} rows/s`,
    );
    console.log(`ratio: ${result.ratio}`);
    await mkdir(path.dirname(RESULTS), { recursive: true });
    await writeFile(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const q of QUEUES)
      await queues.byName[q].obliterate({ force: true }).catch(() => undefined);
    await queues.close();
    await pool.close();
    await db.destroy();
    // BENCH_KEEP_DB=1 keeps the database for a look at plans and row counts afterwards.
    if (process.env.BENCH_KEEP_DB) console.log(`kept database ${dbName}`);
    else await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

/** Jobs of the analysis and its follow-ups still to run (delayed timers excepted). */
async function followUpsPending(queues: Queues): Promise<number> {
  let n = 0;
  for (const q of PIPELINE_QUEUES) {
    const c = await queues.byName[q].getJobCounts('waiting', 'active', 'prioritized');
    n += Object.values(c).reduce((a, b) => a + b, 0);
  }
  return n;
}

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

await main();
