import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Queues } from '../queue/queues.js';
import type { AlertRuleRow } from './alert-rule.service.js';

/** An alert a rule wants to raise; stored once per (rule, dedupeKey), then delivered. */
export interface AlertCandidate {
  rule: AlertRuleRow;
  /** What it is about (customer:ID, topic:ID): the rule's cool-down applies per subject. */
  subject: string;
  dedupeKey: string;
  title: string;
  payload: Record<string, unknown>;
  isTest?: boolean;
}

export interface FiredAlerts {
  events: string[];
  deliveries: string[];
}

/**
 * Stores the candidates that are not a repeat (same rule and dedupe key) and not within their
 * rule's cool-down for the same subject, with one pending delivery each, then queues the
 * deliveries. A per-rule advisory lock serialises concurrent evaluations of the same rule, so a
 * storm seen by two workers at once is still one alert.
 */
export async function fireAlerts(
  deps: { db: Db; queues: Queues },
  candidates: AlertCandidate[],
  now = new Date(),
): Promise<FiredAlerts> {
  if (candidates.length === 0) return { events: [], deliveries: [] };
  const fired = await deps.db.transaction().execute(async (trx) => {
    const ruleIds = [...new Set(candidates.map((c) => c.rule.id))].sort();
    for (const id of ruleIds) {
      await sql`select pg_advisory_xact_lock(hashtext('ecoute.alert_rule'), ${Number(id)}::int)`.execute(
        trx,
      );
    }
    const events = await sql<{ id: string; rule_id: string }>`
      insert into alert_events (rule_id, subject, dedupe_key, title, payload, is_test, fired_at)
      select t.rule_id, t.subject, t.dedupe_key, t.title, t.payload, t.is_test, ${now}
      from unnest(${candidates.map((c) => c.rule.id)}::bigint[], ${candidates.map((c) => c.subject)}::text[],
        ${candidates.map((c) => c.dedupeKey)}::text[], ${candidates.map((c) => c.title)}::text[],
        ${candidates.map((c) => JSON.stringify(c.payload))}::jsonb[],
        ${candidates.map((c) => Boolean(c.isTest))}::bool[], ${candidates.map((c) => c.rule.cooldown_s)}::int[])
        as t(rule_id, subject, dedupe_key, title, payload, is_test, cooldown_s)
      where t.is_test or not exists (
        select 1 from alert_events e
        where e.rule_id = t.rule_id and e.subject = t.subject and not e.is_test
          and e.fired_at > ${now}::timestamptz - make_interval(secs => t.cooldown_s))
      on conflict (rule_id, dedupe_key) do nothing
      returning id, rule_id
    `.execute(trx);
    if (events.rows.length === 0) return { events: [], deliveries: [] };
    const deliveries = await sql<{ id: string }>`
      insert into alert_deliveries (event_id, rule_id, channel, target)
      select e.id, r.id, r.channel, r.target
      from unnest(${events.rows.map((e) => e.id)}::bigint[]) as e(id)
      join alert_events ev on ev.id = e.id join alert_rules r on r.id = ev.rule_id
      returning id
    `.execute(trx);
    return { events: events.rows.map((e) => e.id), deliveries: deliveries.rows.map((d) => d.id) };
  });
  await enqueueDeliveries(deps.queues, fired.deliveries);
  return fired;
}

/** Deterministic ids: queuing the same delivery twice is a no-op. */
export async function enqueueDeliveries(queues: Queues, ids: string[]): Promise<void> {
  await queues.enqueueBulk(
    'alerts.deliver',
    ids.map((id) => ({ data: { deliveryId: id }, opts: { jobId: `alert-delivery-${id}` } })),
  );
}

/**
 * Deliveries still pending a while after they were created (their job was lost with Redis, or
 * the process died between commit and enqueue): queued again.
 */
export async function requeueStaleDeliveries(deps: { db: Db; queues: Queues }, olderThanS = 120) {
  const r = await sql<{ id: string }>`
    select id from alert_deliveries
    where status = 'pending' and attempts = 0 and created_at < now() - make_interval(secs => ${olderThanS})
    order by created_at limit 1000
  `.execute(deps.db);
  await enqueueDeliveries(
    deps.queues,
    r.rows.map((x) => x.id),
  );
  return r.rows.length;
}
