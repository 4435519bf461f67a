/**
 * npm run bench:outage — the long outage variants of test/faults/follow-up-outages.test.ts:
 * 100,000 distinct generated mentions (2 % ideas, half dissatisfied) imported in chunks of 2,000 while the workers run, three
 * times on private Postgres and Redis servers:
 *   control   nothing broken;
 *   postgres  Postgres stopped (immediate: a crash) for 60 s after 20,000 mentions, far beyond
 *             the retry budget (5 attempts, 2+4+8+16 s); the importer retries a refused chunk
 *             every second, as a webhook sender does after a 503;
 *   redis     Redis killed after 20,000 mentions and restarted empty 60 s later.
 * Each run ends when every mention is analysed and no batch owes a follow-up. Prints, per run,
 * the time, the follow-up counts (idea candidates, conversations, drivers, account risk) and the
 * failed jobs, and whether each run equals the control; writes bench/results/outage.json.
 *
 * Sweeps every 10 s with a 30 s grace (defaults 60 s and 120 s), so a run after a Redis loss
 * does not wait two minutes for its first sweep. BENCH_MENTIONS and BENCH_OUTAGE_S change the
 * size and the outages.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb, type Db } from '../core/db/database.js';
import { ingest } from '../core/ingestion/ingest.service.js';
import { createLogger } from '../core/logger.js';
import { Queues, queueSettings } from '../core/queue/queues.js';
import { testConfig } from '../core/config/config.js';
import {
  distinctMentions,
  failedJobs,
  followupCounts,
  seedCustomers,
  startPipeline,
  waitForFollowups,
  type FollowupCounts,
} from '../test/faults/follow-ups.js';
import {
  startPrivatePostgres,
  startPrivateRedis,
  type PrivatePostgres,
  type PrivateRedis,
} from '../test/support/private-services.js';

const N = Number(process.env.BENCH_MENTIONS ?? 100_000);
const OUTAGE_MS = Number(process.env.BENCH_OUTAGE_S ?? 60) * 1000;
const CHUNK = 2_000;
/** The outage starts once this many mentions are imported. */
const OUTAGE_AT = Math.min(20_000, Math.floor(N / 5));
const ACCOUNTS = 60;
const RESULTS = path.resolve(import.meta.dirname, 'results/outage.json');
/** Idea-like templates of the generator (every 8th mention from the 2nd and the 8th). */
const IDEA_SLOTS = new Set([1, 7]);

/**
 * The fault tests' distinct mentions, with ideas at about 2 % instead of 25 %: each pending idea
 * is regrouped with every other on each batch, and a quarter of 100,000 made the idea step the
 * whole run (the control alone took 12 minutes). Mentions otherwise idea-like say a neutral
 * sentence, in the same language, before their own words.
 */
function benchMentions(n: number, offset: number) {
  return distinctMentions(n, offset).map((m, k) => {
    const i = offset + k;
    if (!IDEA_SLOTS.has(i % 8) || i % 100 < 8) return m;
    const neutral =
      i % 8 === 1 ? 'La box fonctionne bien, rien à signaler.' : 'The box works fine.';
    return { ...m, text: m.text.replace(/^[^#]*/, `${neutral} `) };
  });
}

type Mode = 'control' | 'postgres' | 'redis';

interface RunResult {
  mode: Mode;
  seconds: number;
  importRetries: number;
  notQueued: number;
  failedJobs: number;
  counts: FollowupCounts;
}

async function run(mode: Mode, postgres: PrivatePostgres, redis: PrivateRedis): Promise<RunResult> {
  const db = createDb({ url: await postgres.createDatabase(`bench_outage_${mode}`), max: 10 });
  await seedCustomers(db, ACCOUNTS);
  const prefix = `ecoute-bench-outage-${mode}-${Date.now().toString(36)}`;
  const overrides = {
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
    JOB_ATTEMPTS: 5,
    JOB_BACKOFF_MS: 2_000,
    SWEEP_INTERVAL_S: 10,
    SWEEP_GRACE_S: 30,
    ANALYZE_THREADS: 0,
  };
  const pipeline = await startPipeline(db, overrides);
  // The importer's own producer connection, as `ecoute import` has.
  const producer = new Queues(queueSettings(testConfig(overrides)));
  const started = Date.now();
  let importRetries = 0;
  let notQueued = 0;
  let outage: Promise<void> | null = null;
  try {
    for (let offset = 0; offset < N; offset += CHUNK) {
      if (offset >= OUTAGE_AT && !outage && mode !== 'control')
        outage = breakFor(mode, postgres, redis);
      const mentions = benchMentions(Math.min(CHUNK, N - offset), offset);
      for (;;) {
        const stored = await importChunk(db, producer, mentions);
        if (stored === 'refused') {
          importRetries++;
          await sleep(1_000);
          continue;
        }
        if (!stored.queued) notQueued += stored.count;
        break;
      }
    }
    console.log(`  all imported at ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await outage;
    await waitForFollowups(db, N, 30 * 60_000);
    const seconds = (Date.now() - started) / 1000;
    return {
      mode,
      seconds,
      importRetries,
      notQueued,
      failedJobs: await failedJobs(pipeline.queues),
      counts: await followupCounts(db),
    };
  } finally {
    await pipeline.stop();
    await producer.close();
    await db.destroy();
  }
}

/** One import chunk; 'refused' when Postgres is down (the importer tries again). */
async function importChunk(
  db: Db,
  queues: Queues,
  mentions: ReturnType<typeof benchMentions>,
): Promise<'refused' | { count: number; queued: boolean }> {
  const deps = { db, queues, logger: createLogger('silent'), analyzeBatchSize: CHUNK };
  try {
    const outcome = await ingest(deps, { sourceId: null, mentions });
    if (outcome.status !== 'stored') throw new Error(`ingest: ${outcome.status}`);
    return { count: mentions.length, queued: outcome.queued };
  } catch (err) {
    if (/ECONNREFUSED|terminat|not yet accepting|shutting down/i.test((err as Error).message))
      return 'refused';
    throw err;
  }
}

async function breakFor(mode: Mode, postgres: PrivatePostgres, redis: PrivateRedis) {
  console.log(`  ${mode} down for ${OUTAGE_MS / 1000} s`);
  if (mode === 'postgres') await postgres.stop('immediate');
  else await redis.kill();
  await sleep(OUTAGE_MS);
  if (mode === 'postgres') await postgres.start();
  else await redis.start();
  console.log(`  ${mode} back`);
}

/** The counts that differ from the control's (none when nothing was lost or doubled). */
function differences(a: FollowupCounts, control: FollowupCounts): string[] {
  return (Object.keys(control) as (keyof FollowupCounts)[])
    .filter((k) => a[k] !== control[k])
    .map((k) => `${k} ${a[k]} vs ${control[k]}`);
}

const postgres = await startPrivatePostgres();
const redis = await startPrivateRedis();
const results: RunResult[] = [];
try {
  for (const mode of ['control', 'postgres', 'redis'] as const) {
    console.log(`${mode}: ${N} mentions`);
    const r = await run(mode, postgres, redis);
    results.push(r);
    console.log(
      `  ${r.seconds.toFixed(1)} s, ${r.importRetries} import retries, ${r.notQueued} stored without a job, ${r.failedJobs} failed jobs`,
    );
    console.log(`  ${JSON.stringify(r.counts)}`);
  }
} finally {
  await redis.cleanup();
  await postgres.cleanup();
}
const control = results[0]!.counts;
const report = results.map((r) => ({ ...r, differences: differences(r.counts, control) }));
for (const r of report.slice(1))
  console.log(
    `${r.mode}: ${r.differences.length === 0 ? 'equal to the control' : r.differences.join('; ')}`,
  );
await mkdir(path.dirname(RESULTS), { recursive: true });
await writeFile(
  RESULTS,
  `${JSON.stringify({ date: new Date().toISOString(), mentions: N, outageS: OUTAGE_MS / 1000, runs: report }, null, 2)}\n`,
);
process.exit(0);
