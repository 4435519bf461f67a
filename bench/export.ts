/**
 * Influencer export benchmark: 1,000,000 stored influence scores streamed as CSV and as JSON,
 * measuring the memory the export adds to the process (RSS and V8 heap, sampled every 20 ms).
 *
 *   node --expose-gc --import tsx bench/export.ts [--rows 1000000] [--keep]
 *
 * Builds its own database (ecoute_bench_export, from DATABASE_URL's server), fills one run with
 * generated authors and scores in SQL, streams each format into a sink that discards the bytes
 * with a small buffer (so backpressure is exercised as with a slow client), and writes
 * bench/results/export.json. Goal: < 100 MB growth.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../core/config/config.js';
import { createDb, type Db } from '../core/db/database.js';
import { ensureDatabase, migrateToLatest } from '../core/db/migrate.js';
import { exportInfluencers, influencerExportSchema } from '../core/influence/influencer-export.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULT_FILE = path.join(HERE, 'results', 'export.json');
const DB_NAME = 'ecoute_bench_export';
const MB = 1024 * 1024;

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    keep: { type: 'boolean', default: false },
  },
});

function benchUrl(): string {
  const url = new URL(loadConfig(process.env).DATABASE_URL);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
}

/** One run of `rows` scores, with names that need quoting and neutralising, generated in SQL. */
async function fill(db: Db, rows: number): Promise<void> {
  await sql`truncate influence_runs, influence_scores, influence_edges, authors cascade`.execute(
    db,
  );
  await sql`
    insert into authors (platform, external_id, handle, display_name, followers)
    select 'mastodon', 'a' || i, 'user' || i || '@bench.test',
      case i % 4 when 0 then '=HYPERLINK("x' || i || '")' when 1 then 'Zoë, "Łukasz" ' || i
        when 2 then '日本語 ' || i else 'Name ' || i end,
      ((i::bigint * 7919) % 100000)::int
    from generate_series(1, ${rows}) as i`.execute(db);
  await sql`
    insert into influence_runs (topic_id, window_days, window_start, window_end, authors)
    values (null, 30, now() - interval '30 days', now(), ${rows})`.execute(db);
  const breakdown = JSON.stringify({
    total: 0,
    components: Object.fromEntries(
      ['pagerank', 'inDegree', 'reach', 'engagement', 'volume'].map((c) => [
        c,
        { value: 0, normalised: 0, weight: 0.2, contribution: 0 },
      ]),
    ),
  });
  await sql`
    insert into influence_scores (run_id, author_id, rank, score, pagerank, in_degree, out_degree,
      in_weight, out_weight, followers, volume, interactions, engagement, engagement_rate, analysed,
      negative_share, stance, flag_bearer, bot_like, bot_reason, lang, platform, breakdown)
    select r.id, a.id, 0, random() * 100, random() / ${rows}, (a.id % 50)::int, (a.id % 7)::int,
      a.id % 50, a.id % 7, a.followers, 1 + (a.id % 20)::int, a.id % 300, random() * 10,
      random() / 100, 1 + (a.id % 20)::int, random(), 'neutral', false, false, null, 'fr',
      'mastodon', ${breakdown}::jsonb
    from authors a cross join influence_runs r`.execute(db);
  // As a stored run would be after autovacuum: hint bits set and the visibility map current, so
  // the first export does not pay for writing them.
  await sql`vacuum analyze influence_scores`.execute(db);
  await sql`vacuum analyze authors`.execute(db);
}

/** A client that reads slowly in small pieces: the export must wait for it, not buffer. */
function discardingSink(): { sink: Writable; bytes: () => number } {
  let bytes = 0;
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      setImmediate(done);
    },
  });
  return { sink, bytes: () => bytes };
}

async function measure(db: Db, format: 'csv' | 'json') {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed };
  let peak = { ...base };
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = { rss: Math.max(peak.rss, m.rss), heap: Math.max(peak.heap, m.heapUsed) };
  }, 20);
  const { sink, bytes } = discardingSink();
  const started = performance.now();
  await exportInfluencers(db, influencerExportSchema.parse({ format, window: '30' }), sink);
  await new Promise<void>((resolve) => sink.end(resolve));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  return {
    format,
    bytes: bytes(),
    seconds: Number(seconds.toFixed(2)),
    rss_growth_mb: Number(((peak.rss - base.rss) / MB).toFixed(1)),
    heap_growth_mb: Number(((peak.heap - base.heap) / MB).toFixed(1)),
  };
}

async function main(): Promise<number> {
  const rows = Number(values.rows);
  const url = benchUrl();
  await ensureDatabase(url);
  const db = createDb({ url, max: 2, statementTimeoutMs: 600_000 });
  try {
    await migrateToLatest(db);
    const t = performance.now();
    await fill(db, rows);
    console.error(`filled ${rows} scores in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    // Warm-up: the first export loads and compiles the export path; that fixed cost is not
    // growth with the number of rows, which is what this measures.
    await exportInfluencers(
      db,
      influencerExportSchema.parse({ format: 'csv', window: '30', limit: '2000' }),
      discardingSink().sink,
    );
    const results = [];
    for (const format of ['csv', 'json'] as const) {
      const r = await measure(db, format);
      console.error(JSON.stringify(r));
      results.push(r);
    }
    const worst = Math.max(...results.map((r) => r.rss_growth_mb));
    mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
    writeFileSync(
      RESULT_FILE,
      `${JSON.stringify({ rows, goal_mb: 100, worst_rss_growth_mb: worst, results }, null, 2)}\n`,
    );
    return worst < 100 ? 0 : 1;
  } finally {
    await db.destroy();
    if (!values.keep) await dropDatabase(url);
  }
}

async function dropDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`drop database if exists ${DB_NAME} with (force)`).finally(() => client.end());
}

process.exitCode = await main();
