/**
 * Driver spikes as alert rules of kind `driver_spike`, on the alert machinery of the customers
 * issue (rules, events with cool-downs and dedupe keys, deliveries): mentions of a driver in the
 * last bucket against the previous buckets, as a z-score.
 */
import { sql } from 'kysely';
import { fireAlerts, type AlertCandidate } from '../alerts/alert-events.js';
import type { AlertRuleRow } from '../alerts/alert-rule.service.js';
import { loadEvidence } from '../alerts/evidence.js';
import { spikeFigures, zScore } from '../alerts/spike-alerts.js';
import type { Db } from '../db/database.js';
import type { Queues } from '../queue/queues.js';

export { driverSpikeParamsSchema, type DriverSpikeParams } from './driver-spike-params.js';
import { driverSpikeParamsSchema, type DriverSpikeParams } from './driver-spike-params.js';

export interface DriverSpike {
  driverKey: string;
  current: number;
  mean: number;
  std: number;
  z: number;
}

async function driverBuckets(db: Db, p: DriverSpikeParams, now: Date) {
  const bucketS = p.bucketMinutes * 60;
  const since = new Date(now.getTime() - (p.windowBuckets + 1) * bucketS * 1000);
  const r = await sql<{ driver_key: string; k: number; n: number }>`
    select d.driver_key, floor(extract(epoch from (${now}::timestamptz - m.published_at)) / ${bucketS})::int as k,
      count(*)::int as n
    from mention_drivers d join mentions m on m.id = d.mention_id
    where d.driver_key is not null and m.published_at > ${since} and m.published_at <= ${now}
      and (${p.driverKey ?? null}::text is null or d.driver_key = ${p.driverKey ?? null})
      and (${p.topicId ?? null}::bigint is null or exists (select 1 from mention_topics mt
        where mt.mention_id = m.id and mt.topic_id = ${p.topicId ?? null}::bigint))
    group by 1, 2
  `.execute(db);
  const byDriver = new Map<string, number[]>();
  for (const row of r.rows) {
    if (row.k > p.windowBuckets) continue;
    const counts = byDriver.get(row.driver_key) ?? new Array<number>(p.windowBuckets + 1).fill(0);
    counts[row.k] = row.n;
    byDriver.set(row.driver_key, counts);
  }
  return byDriver;
}

export async function detectDriverSpikes(
  db: Db,
  p: DriverSpikeParams,
  now: Date,
): Promise<DriverSpike[]> {
  const out: DriverSpike[] = [];
  for (const [driverKey, counts] of await driverBuckets(db, p, now)) {
    const [current = 0, ...baseline] = counts;
    const s = zScore(current, baseline);
    if (current >= p.minCount && s.z >= p.zScore) out.push({ driverKey, current, ...s });
  }
  return out;
}

async function sample(db: Db, driverKey: string, now: Date, minutes: number): Promise<string[]> {
  const r = await sql<{ id: string }>`
    select m.id from mention_drivers d join mentions m on m.id = d.mention_id
    where d.driver_key = ${driverKey} and m.published_at > ${new Date(now.getTime() - minutes * 60_000)}
      and m.published_at <= ${now}
    order by d.score desc, m.id desc limit 3
  `.execute(db);
  return r.rows.map((x) => x.id);
}

/** Evaluates every enabled `driver_spike` rule at `now`; one alert per driver and bucket. */
export async function evaluateDriverSpikes(deps: { db: Db; queues: Queues }, now = new Date()) {
  const rules = (await deps.db
    .selectFrom('alert_rules')
    .selectAll()
    .where('enabled', '=', true)
    .where('kind', '=', 'driver_spike')
    .execute()) as AlertRuleRow[];
  const candidates: AlertCandidate[] = [];
  for (const rule of rules) {
    const p = driverSpikeParamsSchema.parse(rule.params);
    const bucket = Math.floor(now.getTime() / (p.bucketMinutes * 60_000));
    for (const s of await detectDriverSpikes(deps.db, p, now)) {
      const ids = await sample(deps.db, s.driverKey, now, p.bucketMinutes);
      const evidence = await loadEvidence(deps.db, ids);
      candidates.push({
        rule,
        subject: `driver:${s.driverKey}${p.topicId ? `:topic:${p.topicId}` : ''}`,
        dedupeKey: `driver:${s.driverKey}:${p.topicId ?? 'all'}:${bucket}`,
        title: `Spike of "${s.driverKey}" complaints: ${s.current} in ${p.bucketMinutes} min (z ${s.z.toFixed(1)})`,
        payload: {
          driver: { key: s.driverKey },
          topicId: p.topicId ?? null,
          spike: spikeFigures(s, p.bucketMinutes),
          evidence: ids.map((id) => evidence.get(id)).filter(Boolean),
        },
      });
    }
  }
  return fireAlerts(deps, candidates, now);
}
