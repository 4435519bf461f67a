import { sql } from 'kysely';
import type { RiskChange } from '../customers/risk.service.js';
import type { Db } from '../db/database.js';
import type { Queues } from '../queue/queues.js';
import { fireAlerts, type AlertCandidate } from './alert-events.js';
import type { RuleParams } from './alert-rule.schema.js';
import { enabledRules, type AlertRuleRow } from './alert-rule.service.js';
import { loadEvidence } from './evidence.js';

interface CustomerInfo {
  id: string;
  external_id: string;
  name: string;
  tier: string | null;
  owner: string | null;
  value: string | null;
}

/**
 * Customer-risk rules after a recomputation: risk crossing a threshold, risk jumping by N points,
 * and churn intent in new mentions (`mentionIds`) of an account of a watched tier.
 */
export async function evaluateRiskAlerts(
  deps: { db: Db; queues: Queues },
  changes: RiskChange[],
  mentionIds: string[] = [],
  now = new Date(),
) {
  const rules = await enabledRules(deps.db, ['risk_threshold', 'risk_jump', 'key_account_churn']);
  if (rules.length === 0) return { events: [], deliveries: [] };
  const hits: { rule: AlertRuleRow; change: RiskChange; why: string }[] = [];
  for (const rule of rules) {
    for (const c of changes) {
      const why = riskHit(rule, c);
      if (why) hits.push({ rule, change: c, why });
    }
  }
  const churnRules = rules.filter((r) => r.kind === 'key_account_churn');
  const churnHits = churnRules.length > 0 ? await churnMentions(deps.db, mentionIds) : [];
  const ids = [
    ...new Set([...hits.map((h) => h.change.customerId), ...churnHits.map((h) => h.customer_id)]),
  ];
  const customers = await customerInfo(deps.db, ids);
  const evidenceIds = [
    ...hits.flatMap((h) => h.change.breakdown.mentions.slice(0, 3).map((m) => m.mentionId)),
    ...churnHits.map((h) => h.mention_id),
  ];
  const evidence = await loadEvidence(deps.db, evidenceIds);
  const day = now.toISOString().slice(0, 10);
  const candidates: AlertCandidate[] = hits.map(({ rule, change, why }) => {
    const c = customers.get(change.customerId)!;
    return {
      rule,
      subject: `customer:${c.id}`,
      dedupeKey: `customer:${c.id}:${day}:${Math.round(change.previous)}->${Math.round(change.score)}`,
      title: `${c.name}: churn risk ${Math.round(change.score)} (${why})`,
      payload: {
        customer: customerDto(c),
        risk: { score: change.score, previous: change.previous, factors: change.breakdown.factors },
        evidence: change.breakdown.mentions
          .slice(0, 3)
          .map((m) => evidence.get(m.mentionId))
          .filter(Boolean),
      },
    };
  });
  for (const rule of churnRules) {
    const p = rule.params as RuleParams<'key_account_churn'>;
    for (const h of churnHits) {
      const c = customers.get(h.customer_id)!;
      if (!c.tier || !p.tiers.includes(c.tier) || h.churn_intent < p.minChurnIntent) continue;
      candidates.push({
        rule,
        subject: `customer:${c.id}`,
        dedupeKey: `mention:${h.mention_id}`,
        title: `${c.name} (${c.tier}) voices intent to leave`,
        payload: {
          customer: customerDto(c),
          churnIntent: h.churn_intent,
          evidence: [evidence.get(h.mention_id)].filter(Boolean),
        },
      });
    }
  }
  return fireAlerts(deps, candidates, now);
}

function riskHit(rule: AlertRuleRow, c: RiskChange): string | null {
  if (rule.kind === 'risk_threshold') {
    const t = (rule.params as RuleParams<'risk_threshold'>).threshold;
    return c.previous < t && c.score >= t ? `crossed ${t}` : null;
  }
  if (rule.kind === 'risk_jump') {
    const n = (rule.params as RuleParams<'risk_jump'>).points;
    const up = c.score - c.previous;
    return up >= n ? `up ${Math.round(up)} points` : null;
  }
  return null;
}

async function churnMentions(db: Db, mentionIds: string[]) {
  if (mentionIds.length === 0) return [];
  const r = await sql<{ customer_id: string; mention_id: string; churn_intent: number }>`
    select i.customer_id, m.id as mention_id, (x.signals ->> 'churn_intent')::real as churn_intent
    from mentions m
    join mention_analyses x on x.mention_id = m.id and x.duplicate_of is null
    join customer_identities i on i.author_id = m.author_id and i.status = 'confirmed'
    where m.id = any(${mentionIds}::bigint[]) and (x.signals ->> 'churn_intent')::real > 0
  `.execute(db);
  return r.rows;
}

async function customerInfo(db: Db, ids: string[]): Promise<Map<string, CustomerInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'external_id', 'name', 'tier', 'owner', 'value'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

const customerDto = (c: CustomerInfo) => ({
  id: c.id,
  crmId: c.external_id,
  name: c.name,
  tier: c.tier,
  owner: c.owner,
  value: c.value === null ? null : Number(c.value),
});
