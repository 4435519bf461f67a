/**
 * npm run bench:churn — the churn board under load.
 *
 * In its own database (created, kept between runs unless BENCH_FRESH=1, so a rerun skips the
 * generation): 50,000 customers, 100,000 authors (60,000 linked), 1,000,000 analysed mentions
 * over 120 days and 14 days of risk history, all generated with SQL. Then:
 * 1. risk throughput: a full re-score of every linked customer, and the incremental path the
 *    workers take after each analysis batch of 500 mentions (affected customers → re-score),
 *    in mentions per second, against the ingest rate of bench/results/ingest.json;
 * 2. the API in a child process, loaded by autocannon from this process with 20 connections for
 *    10 s per view: the board's default view, a segment filter, and an account page (detail,
 *    timeline, risk history, identities).
 * Writes bench/results/churn.json {p99_ms, requests_per_s, connections, mentions, customers}
 * (p99 the worst of the three views, requests_per_s their mean).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { createApp } from '../api/app.js';
import { createApiKey } from '../core/auth/api-keys.js';
import { loadConfig } from '../core/config/config.js';
import { churnWeights } from '../core/customers/churn-weights.js';
import { recomputeRisk } from '../core/customers/risk.service.js';
import { createDb, type Db } from '../core/db/database.js';
import { ensureDatabase, migrateToLatest } from '../core/db/migrate.js';
import { createLogger } from '../core/logger.js';
import { Queues, queueSettings } from '../core/queue/queues.js';
import { SecretBox } from '../core/security/secret-box.js';

const CUSTOMERS = 50_000;
const AUTHORS = 100_000;
const MENTIONS = 1_000_000;
const CONNECTIONS = 20;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const RESULTS = path.resolve(import.meta.dirname, 'results/churn.json');

function benchUrl(): string {
  const u = new URL(loadConfig().DATABASE_URL);
  u.pathname = '/ecoute_bench_churn';
  return u.toString();
}

async function generate(db: Db): Promise<void> {
  const have = await sql<{ n: number }>`select count(*)::int as n from customers`.execute(db);
  if (have.rows[0]!.n === CUSTOMERS && !process.env.BENCH_FRESH) return;
  console.error('generating customers, authors, identities, mentions, analyses, history…');
  const t = Date.now();
  await sql`truncate customers, authors, mentions cascade`.execute(db);
  await sql`
    insert into customers (external_id, name, tier, plan, region, owner, value)
    select 'B-' || g, 'Customer ' || g,
      case when g % 50 = 0 then 'key' when g % 5 = 0 then 'business' when g % 3 = 0 then 'premium' else 'standard' end,
      'Plan ' || (g % 12), 'Region ' || (g % 13), 'owner' || (g % 40) || '@velia.fr', 100 + (g * 7919) % 50000
    from generate_series(1, ${CUSTOMERS}) g`.execute(db);
  await sql`
    insert into authors (platform, external_id, handle, display_name)
    select 'mastodon', 'ba-' || g, 'user' || g, 'User ' || g from generate_series(1, ${AUTHORS}) g`.execute(
    db,
  );
  // Customer n ↔ author n, and every fifth customer a second author (60,000 links).
  await sql`
    insert into customer_identities (customer_id, author_id, status, method, confidence)
    select c.id, a.id, 'confirmed', 'exact_handle', 1
    from customers c join authors a on a.external_id = 'ba-' || substr(c.external_id, 3)`.execute(
    db,
  );
  await sql`
    insert into customer_identities (customer_id, author_id, status, method, confidence)
    select c.id, a.id, 'confirmed', 'exact_handle', 1
    from customers c join authors a on a.external_id = 'ba-' || (${CUSTOMERS} + substr(c.external_id, 3)::int)
    where substr(c.external_id, 3)::int % 5 = 0`.execute(db);
  await sql`
    insert into mentions (platform, external_id, author_id, text, published_at)
    select 'mastodon', 'bm-' || g, (select min(id) from authors) + (g::bigint * 7919) % ${AUTHORS},
      'bench mention ' || g || ' about the fibre box and the mobile plan',
      now() - make_interval(days => g % 120, mins => g % 1440)
    from generate_series(1, ${MENTIONS}) g`.execute(db);
  await sql`
    insert into mention_analyses (mention_id, lang, sentiment, sentiment_score, dissatisfied, signals, idea, evidence, model_version)
    select id, 'en', case when id % 4 = 0 then 'negative' when id % 4 = 1 then 'positive' else 'neutral' end,
      case when id % 4 = 0 then -0.6 else 0.2 end, id % 4 = 0,
      jsonb_build_object('churn_intent', case when id % 97 = 0 then 0.8 else 0 end,
        'discontent', case when id % 7 = 0 then 0.6 else 0 end,
        'disappointment', case when id % 11 = 0 then 0.5 else 0 end,
        'confusion', case when id % 13 = 0 then 0.4 else 0 end),
      false, '[]', 'bench'
    from mentions`.execute(db);
  await sql`
    insert into customer_risk_history (customer_id, day, score)
    select c.id, current_date - d, ((c.id * 31 + d * 7) % 100)::real
    from customers c cross join generate_series(1, 14) d`.execute(db);
  await sql`vacuum analyze`.execute(db);
  console.error(`generated in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

async function riskThroughput(db: Db) {
  const w = churnWeights();
  const ids = (
    await sql<{
      id: string;
    }>`select distinct customer_id as id from customer_identities where status = 'confirmed'`.execute(
      db,
    )
  ).rows.map((r) => r.id);
  let t = performance.now();
  await recomputeRisk(db, ids, w);
  const fullS = (performance.now() - t) / 1000;
  // The incremental path, as after an analysis batch: 20 batches of 500 recent mentions.
  const batches = 20;
  t = performance.now();
  for (let b = 0; b < batches; b++) {
    const batch = await sql<{
      id: string;
    }>`select id from mentions order by id desc offset ${b * 500} limit 500`.execute(db);
    const affected = await sql<{ customer_id: string }>`
      select distinct i.customer_id from mentions m
      join customer_identities i on i.author_id = m.author_id and i.status = 'confirmed'
      where m.id = any(${batch.rows.map((r) => r.id)}::bigint[])`.execute(db);
    await recomputeRisk(
      db,
      affected.rows.map((r) => r.customer_id),
      w,
    );
  }
  const incS = (performance.now() - t) / 1000;
  // Re-scoring rewrites every customer row: reclaim the old versions and refresh the statistics.
  await sql`vacuum analyze customers, customer_risk_history`.execute(db);
  return {
    customers: ids.length,
    fullS,
    fullCustomersPerS: Math.round(ids.length / fullS),
    incrementalMentionsPerS: Math.round((batches * 500) / incS),
  };
}

async function dropDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query('drop database if exists ecoute_bench_churn with (force)');
  await client.end();
}

/** Child mode: serve the API on an ephemeral port and print it. */
async function serve(): Promise<void> {
  // The per-caller rate limit stays on (its Redis round trip is part of every request) but is
  // raised above what 20 connections send, so the bench measures answers, not 429s.
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: benchUrl(),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_MAX: '100000000',
    // The failed-login limiter counts every request with a key until it answers (then forgives
    // it), so 20 requests in flight would pass its 10-try cap; raised here likewise.
    LOGIN_RATE_LIMIT_MAX: '100000000',
    QUEUE_PREFIX: 'ecoute-bench-churn',
  });
  const db = createDb({ url: config.DATABASE_URL, max: 10 });
  const queues = new Queues(queueSettings(config));
  const secrets = SecretBox.fromKey('0'.repeat(64));
  const app = createApp({ config, db, queues, secrets, logger: createLogger('silent') });
  const server = app.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    process.stdout.write(`PORT ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
  });
}

async function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /PORT (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`API exited with ${code}`)));
  });
  return { child, port };
}

async function load(name: string, url: string, keys: string[], paths: string[]) {
  let n = 0;
  // The keys rotate over requests, like 20 people on their own dashboards.
  const withKey = (req: autocannon.Request) => ({
    ...req,
    headers: { ...req.headers, authorization: `Bearer ${keys[n++ % keys.length]}` },
  });
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: paths.map((p) => ({ method: 'GET' as const, path: p, setupRequest: withKey })),
  });
  const bad = result.non2xx + result.errors;
  console.error(
    `${name.padEnd(16)} p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  ${Math.round(result.requests.average)} req/s  non-2xx/errors ${bad}`,
  );
  if (bad > 0)
    throw new Error(`${name}: ${bad} failed requests ${JSON.stringify(result.statusCodeStats)}`);
  return { p99: result.latency.p99, rps: result.requests.average };
}

async function main() {
  if (process.argv.includes('--serve')) return serve();
  const url = benchUrl();
  if (process.env.BENCH_FRESH) await dropDatabase(url);
  await ensureDatabase(url);
  const db = createDb({ url, max: 4, statementTimeoutMs: 600_000 });
  await migrateToLatest(db);
  await generate(db);
  const risk = await riskThroughput(db);
  const ingest = JSON.parse(
    await readFile(path.resolve(import.meta.dirname, 'results/ingest.json'), 'utf8').catch(
      () => '{}',
    ),
  ) as { mentions_per_s?: number };
  console.error(
    `risk: full re-score of ${risk.customers} customers in ${risk.fullS.toFixed(1)} s (${risk.fullCustomersPerS}/s); ` +
      `incremental ${risk.incrementalMentionsPerS} mentions/s vs ingest ${ingest.mentions_per_s ?? '?'} mentions/s`,
  );
  const keys: string[] = [];
  for (let i = 0; i < CONNECTIONS; i++)
    keys.push((await createApiKey(db, `bench ${i}`, 'reader')).key);
  const top = await sql<{ id: string }>`
    select c.id from customers c join customer_identities i on i.customer_id = c.id
    where c.tier = 'key' group by c.id order by count(*) desc, max(c.risk_score) desc limit 1`.execute(
    db,
  );
  const account = top.rows[0]!.id;
  const { child, port } = await startServer();
  try {
    const base = `http://127.0.0.1:${port}`;
    const views = [
      await load('default view', base, keys, ['/api/v1/customers']),
      await load('segment filter', base, keys, ['/api/v1/customers?tier=business']),
      await load('account page', base, keys, [
        `/api/v1/customers/${account}`,
        `/api/v1/customers/${account}/mentions`,
        `/api/v1/customers/${account}/risk-history`,
        `/api/v1/customers/${account}/identities`,
      ]),
    ];
    const out = {
      p99_ms: Math.max(...views.map((v) => v.p99)),
      requests_per_s: Math.round(views.reduce((a, v) => a + v.rps, 0) / views.length),
      connections: CONNECTIONS,
      mentions: MENTIONS,
      customers: CUSTOMERS,
    };
    await writeFile(RESULTS, `${JSON.stringify(out, null, 2)}\n`);
    console.log(JSON.stringify({ ...out, risk }, null, 2));
  } finally {
    child.kill('SIGTERM');
    await db.destroy();
  }
}

await main();
