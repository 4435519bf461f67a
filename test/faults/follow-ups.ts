import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createAnalysisPool } from '../../core/analysis/analysis-pool.js';
import { testConfig, type Config } from '../../core/config/config.js';
import type { Db } from '../../core/db/database.js';
import { createOutboundHttp } from '../../core/http/outbound.js';
import { ingest } from '../../core/ingestion/ingest.service.js';
import { createLogger } from '../../core/logger.js';
import { QUEUES } from '../../core/queue/jobs.js';
import { Queues, queueSettings } from '../../core/queue/queues.js';
import { SecretBox } from '../../core/security/secret-box.js';
import { startWorkers, type RunningWorkers } from '../../workers/runtime.js';
import { generateMentions } from '../support/generate-mentions.js';
import { waitFor } from '../support/test-db.js';

/**
 * What the follow-up fault tests (and bench:outage) compare between a disturbed run and an
 * undisturbed control: every analysis, and what each analysed batch owes — idea candidates,
 * conversations, churn risk, drivers — with the gaps and duplicates counted.
 */
export interface FollowupCounts {
  analyses: number;
  ideaMentions: number;
  ideasWithoutCandidate: number;
  candidates: number;
  dissatisfied: number;
  dissatisfiedWithoutConversation: number;
  /** Dissatisfied French or English mentions that are not a copy of another, without a driver. */
  dissatisfiedWithoutDriver: number;
  /** Analyses grouped under an earlier copy (which copy is canonical depends on the order). */
  duplicates: number;
  conversations: number;
  duplicateMessages: number;
  drivers: number;
  linkedCustomers: number;
  customersWithoutRisk: number;
  unfinishedBatches: number;
}

export async function followupCounts(db: Db): Promise<FollowupCounts> {
  const r = await sql<FollowupCounts>`
    select
      (select count(*)::int from mention_analyses) as "analyses",
      (select count(*)::int from mention_analyses where idea and duplicate_of is null) as "ideaMentions",
      (select count(*)::int from mention_analyses a where idea and duplicate_of is null
        and not exists (select 1 from idea_candidates c where c.mention_id = a.mention_id))
        as "ideasWithoutCandidate",
      (select count(*)::int from idea_candidates) as "candidates",
      (select count(*)::int from mention_analyses where dissatisfied) as "dissatisfied",
      (select count(*)::int from mention_analyses a where dissatisfied
        and not exists (select 1 from conversation_messages m where m.mention_id = a.mention_id))
        as "dissatisfiedWithoutConversation",
      (select count(*)::int from mention_analyses a
        where dissatisfied and duplicate_of is null and lang in ('fr', 'en')
        and not exists (select 1 from mention_drivers d where d.mention_id = a.mention_id))
        as "dissatisfiedWithoutDriver",
      (select count(*)::int from mention_analyses where duplicate_of is not null) as "duplicates",
      (select count(*)::int from conversations) as "conversations",
      (select (count(*) - count(distinct mention_id))::int from conversation_messages
        where mention_id is not null) as "duplicateMessages",
      (select count(*)::int from mention_drivers) as "drivers",
      (select count(distinct customer_id)::int from customer_identities where status = 'confirmed')
        as "linkedCustomers",
      (select count(*)::int from customers c where risk_computed_at is null and exists (
        select 1 from customer_identities i where i.customer_id = c.id and i.status = 'confirmed'))
        as "customersWithoutRisk",
      (select count(*)::int from analysis_followups where cardinality(pending) > 0)
        as "unfinishedBatches"
  `.execute(db);
  return r.rows[0]!;
}

/** CRM accounts whose handles are some of the generated authors' (user0 … user{n-1}). */
export async function seedCustomers(db: Db, n: number): Promise<void> {
  await sql`
    insert into customers (external_id, name)
    select 'crm-' || i, 'Account ' || i from generate_series(0, ${n - 1}::int) i
  `.execute(db);
  await sql`
    insert into customer_handles (customer_id, platform, handle)
    select id, 'import', 'user' || substr(external_id, 5) from customers
  `.execute(db);
}

/** Stores `total` distinct generated mentions and queues their analysis. */
export async function storeMentions(db: Db, queues: Queues, total: number, batch: number) {
  const deps = { db, queues, logger: createLogger('silent'), analyzeBatchSize: batch };
  for (let i = 0; i < total; i += 10_000) {
    const outcome = await ingest(deps, {
      sourceId: null,
      mentions: distinctMentions(Math.min(10_000, total - i), i),
    });
    if (outcome.status !== 'stored') throw new Error(`ingest: ${outcome.status}`);
  }
}

export interface Pipeline {
  config: Config;
  queues: Queues;
  running: RunningWorkers;
  stop(): Promise<void>;
}

/**
 * The workers of one process, in this process, against `db`, with the periodic sweep every
 * `sweepS` seconds (grace 2 s) and a retry budget far shorter than the outages the tests make.
 */
export async function startPipeline(
  db: Db,
  overrides: Partial<Config> & { REDIS_URL: string; QUEUE_PREFIX: string },
): Promise<Pipeline> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'ecoute-followups-'));
  const config = testConfig({
    ECOUTE_HOME: home,
    ANALYZE_THREADS: 1,
    JOB_ATTEMPTS: 2,
    JOB_BACKOFF_MS: 200,
    SWEEP_INTERVAL_S: 5,
    SWEEP_GRACE_S: 2,
    ...overrides,
  });
  const queues = new Queues(queueSettings(config));
  const pool = createAnalysisPool(1);
  const running = await startWorkers({
    config,
    db,
    queues,
    pool,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    http: createOutboundHttp({ timeoutMs: 1000, maxBytes: 1024, allowHosts: [] }),
    secrets: await SecretBox.load(undefined, home),
  });
  return {
    config,
    queues,
    running,
    async stop() {
      await running.close();
      await pool.close();
      for (const q of QUEUES)
        await queues.byName[q].obliterate({ force: true }).catch(() => undefined);
      await queues.close();
    },
  };
}

/** Waits until every mention is analysed and no batch owes a follow-up; then counts. */
export async function waitForFollowups(db: Db, total: number, timeoutMs: number) {
  await waitFor(
    `${total} mentions analysed with every follow-up done`,
    async () => {
      // Two index-only counts per probe; the full counts once, at the end.
      const r = await sql<{ analyses: number; unfinished: number }>`
        select (select count(*)::int from mention_analyses) as analyses,
          (select count(*)::int from analysis_followups where cardinality(pending) > 0) as unfinished
      `
        .execute(db)
        .catch(() => null);
      const c = r?.rows[0];
      return c && c.analyses === total && c.unfinished === 0;
    },
    timeoutMs,
    250,
  );
  return followupCounts(db);
}

/** Jobs in the failed sets of every queue. */
export async function failedJobs(queues: Queues): Promise<number> {
  const counts = await Promise.all(QUEUES.map((q) => queues.byName[q].getFailedCount()));
  return counts.reduce((a, b) => a + b, 0);
}

const FILLER = {
  fr: 'maison jardin voiture fenêtre cuisine bureau livre chemin rivière montagne village marché école table chaise porte lampe tableau musique voyage forêt plage soleil nuage hiver printemps automne été matin soirée semaine quartier boulangerie gare musée théâtre vélo train avion bateau lettre carte cadeau fromage pomme orange café thé'.split(
    ' ',
  ),
  en: 'house garden car window kitchen office book path river mountain village market school table chair door lamp painting music journey forest beach sun cloud winter spring autumn summer morning evening week neighbourhood bakery station museum theatre bicycle train plane boat letter card present cheese apple orange coffee tea'.split(
    ' ',
  ),
};

/**
 * The generated mentions with a tail of ten words drawn for each one, so that no two are
 * near-duplicates: which copy of a duplicate is the canonical one depends on the order batches
 * are analysed in, and these runs must be comparable whatever that order.
 */
export function distinctMentions(n: number, offset = 0) {
  return generateMentions(n, offset).map((m, k) => {
    const i = k + offset;
    const words = FILLER[/[éèçà]|^(Je|Ce|La) /.test(m.text) ? 'fr' : 'en'];
    // mulberry32, seeded by the mention's number: the same words on every run.
    let seed = i + 1;
    const tail = Array.from({ length: 10 }, () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return words[((t ^ (t >>> 14)) >>> 0) % words.length];
    });
    return { ...m, text: `${m.text} ${tail.join(' ')}` };
  });
}
