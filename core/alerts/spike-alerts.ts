import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Queues } from '../queue/queues.js';
import { fireAlerts, type AlertCandidate } from './alert-events.js';
import type { RuleParams } from './alert-rule.schema.js';
import { enabledRules, type AlertRuleRow } from './alert-rule.service.js';
import { loadEvidence } from './evidence.js';

export interface SpikeStat {
  topicId: string;
  topic: string;
  current: number;
  mean: number;
  std: number;
  z: number;
}

/**
 * z-score of the current bucket against the previous `counts` (oldest first or not: order does
 * not matter). The deviation is floored at 1 mention so a flat, quiet baseline does not turn
 * two mentions into an infinite z.
 */
export function zScore(
  current: number,
  baseline: number[],
): { mean: number; std: number; z: number } {
  const n = Math.max(1, baseline.length);
  const mean = baseline.reduce((a, b) => a + b, 0) / n;
  const std = Math.sqrt(baseline.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return { mean, std, z: (current - mean) / Math.max(1, std) };
}

/** A spike as an alert payload shows it: the count, its baseline and z, to two decimals. */
export function spikeFigures(
  s: { current: number; mean: number; std: number; z: number },
  bucketMinutes: number,
) {
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    current: s.current,
    mean: round(s.mean),
    std: round(s.std),
    z: round(s.z),
    bucketMinutes,
  };
}

/** Negative mentions per topic in the current bucket and each of the `windowBuckets` before. */
async function topicBuckets(db: Db, p: RuleParams<'topic_spike'>, now: Date) {
  const bucketS = p.bucketMinutes * 60;
  const since = new Date(now.getTime() - (p.windowBuckets + 1) * bucketS * 1000);
  const r = await sql<{ topic_id: string; name: string; k: number; n: number }>`
    select mt.topic_id, t.name, floor(extract(epoch from (${now}::timestamptz - m.published_at)) / ${bucketS})::int as k,
      count(*)::int as n
    from mentions m
    join mention_analyses x on x.mention_id = m.id and x.sentiment = 'negative' and x.duplicate_of is null
    join mention_topics mt on mt.mention_id = m.id
    join topics t on t.id = mt.topic_id
    where m.published_at > ${since} and m.published_at <= ${now}
      and (${p.topicId ?? null}::bigint is null or mt.topic_id = ${p.topicId ?? null}::bigint)
    group by 1, 2, 3
  `.execute(db);
  const byTopic = new Map<string, { name: string; counts: number[] }>();
  for (const row of r.rows) {
    if (row.k > p.windowBuckets) continue;
    const t = byTopic.get(row.topic_id) ?? {
      name: row.name,
      counts: new Array<number>(p.windowBuckets + 1).fill(0),
    };
    t.counts[row.k] = row.n;
    byTopic.set(row.topic_id, t);
  }
  return byTopic;
}

/** Spikes a rule sees at `now`: current bucket ≥ minCount and z ≥ the rule's threshold. */
export async function detectSpikes(db: Db, rule: AlertRuleRow, now: Date): Promise<SpikeStat[]> {
  const p = rule.params as RuleParams<'topic_spike'>;
  const out: SpikeStat[] = [];
  for (const [topicId, t] of await topicBuckets(db, p, now)) {
    const [current = 0, ...baseline] = t.counts;
    const s = zScore(current, baseline);
    if (current >= p.minCount && s.z >= p.zScore)
      out.push({ topicId, topic: t.name, current, ...s });
  }
  return out;
}

/**
 * Evaluates every enabled spike rule at `now`. One storm is one alert: the rule's cool-down keeps
 * it quiet about the same topic (see fireAlerts), and the dedupe key is the bucket, so concurrent
 * evaluations in the same bucket cannot both fire.
 */
export async function evaluateSpikes(deps: { db: Db; queues: Queues }, now = new Date()) {
  const rules = await enabledRules(deps.db, ['topic_spike']);
  const candidates: AlertCandidate[] = [];
  for (const rule of rules) {
    const p = rule.params as RuleParams<'topic_spike'>;
    const bucket = Math.floor(now.getTime() / (p.bucketMinutes * 60_000));
    for (const s of await detectSpikes(deps.db, rule, now)) {
      const sample = await sampleNegative(deps.db, s.topicId, now, p.bucketMinutes);
      const evidence = await loadEvidence(deps.db, sample);
      candidates.push({
        rule,
        subject: `topic:${s.topicId}`,
        dedupeKey: `topic:${s.topicId}:${bucket}`,
        title: `Negative spike on "${s.topic}": ${s.current} in ${p.bucketMinutes} min (z ${s.z.toFixed(1)})`,
        payload: {
          topic: { id: s.topicId, name: s.topic },
          spike: spikeFigures(s, p.bucketMinutes),
          evidence: sample.map((id) => evidence.get(id)).filter(Boolean),
        },
      });
    }
  }
  return fireAlerts(deps, candidates, now);
}

async function sampleNegative(
  db: Db,
  topicId: string,
  now: Date,
  minutes: number,
): Promise<string[]> {
  const r = await sql<{ id: string }>`
    select m.id from mentions m
    join mention_topics mt on mt.mention_id = m.id and mt.topic_id = ${topicId}::bigint
    join mention_analyses x on x.mention_id = m.id and x.sentiment = 'negative'
    where m.published_at > ${new Date(now.getTime() - minutes * 60_000)} and m.published_at <= ${now}
    order by x.sentiment_score asc, m.id desc limit 3
  `.execute(db);
  return r.rows.map((x) => x.id);
}
