import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { conversationRiskFactors } from '../dialogue/conversation-risk.js';
import { scoreChurnRisk, type RiskBreakdown, type ScoredMention } from './churn-score.js';
import type { ChurnWeights } from './churn-weights.js';

export interface RiskChange {
  customerId: string;
  previous: number;
  score: number;
  breakdown: RiskBreakdown;
}

/** Customers scored per round trip: keeps each statement's arrays and the memory bounded. */
const CHUNK = 500;

/**
 * Recomputes and stores the churn risk of these customers at `now`: one query loads the analysed
 * mentions of their confirmed authors within the window, the score is computed in process, and
 * one statement each writes the current risk and today's history point.
 */
export async function recomputeRisk(
  db: Db,
  customerIds: string[],
  weights: ChurnWeights,
  now = new Date(),
): Promise<RiskChange[]> {
  const changes: RiskChange[] = [];
  const unique = [...new Set(customerIds)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    changes.push(...(await recomputeChunk(db, unique.slice(i, i + CHUNK), weights, now)));
  }
  return changes;
}

async function recomputeChunk(
  db: Db,
  ids: string[],
  w: ChurnWeights,
  now: Date,
): Promise<RiskChange[]> {
  const since = new Date(now.getTime() - w.windowDays * 86_400_000);
  const rows = await sql<{
    customer_id: string;
    id: string;
    published_at: Date;
    sentiment: ScoredMention['sentiment'];
    signals: ScoredMention['signals'];
  }>`
    select i.customer_id, m.id, m.published_at, x.sentiment, x.signals
    from customer_identities i
    join mentions m on m.author_id = i.author_id and m.published_at > ${since} and m.published_at <= ${now}
    join mention_analyses x on x.mention_id = m.id and x.duplicate_of is null
    where i.status = 'confirmed' and i.customer_id = any(${ids}::bigint[])
  `.execute(db);
  const byCustomer = new Map<string, ScoredMention[]>(ids.map((id) => [id, []]));
  for (const r of rows.rows) {
    byCustomer
      .get(r.customer_id)!
      .push({ id: r.id, publishedAt: r.published_at, sentiment: r.sentiment, signals: r.signals });
  }
  const previous = await sql<{ id: string; risk_score: number; week_ago: number | null }>`
    select c.id, c.risk_score, (select h.score from customer_risk_history h
      where h.customer_id = c.id and h.day <= (${now}::timestamptz at time zone 'UTC')::date - 7
      order by h.day desc limit 1) as week_ago
    from customers c where c.id = any(${ids}::bigint[])
  `.execute(db);
  const conversations = await conversationRiskFactors(db, ids);
  const computed = previous.rows.map((p) => {
    const breakdown = scoreChurnRisk(byCustomer.get(p.id) ?? [], w, now, conversations.get(p.id));
    return {
      customerId: p.id,
      previous: p.risk_score,
      score: breakdown.score,
      weekAgo: p.week_ago,
      breakdown,
    };
  });
  await writeRisk(db, computed, now);
  return computed.map(({ weekAgo: _w, ...c }) => c);
}

async function writeRisk(
  db: Db,
  rows: (RiskChange & { weekAgo: number | null })[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.customerId);
  const scores = rows.map((r) => r.score);
  const trends = rows.map((r) => Math.round((r.score - (r.weekAgo ?? 0)) * 100) / 100);
  const breakdowns = rows.map((r) => JSON.stringify(r.breakdown));
  await db.transaction().execute(async (trx) => {
    await sql`
      update customers c set risk_score = t.score, risk_trend = t.trend, risk_breakdown = t.breakdown,
        risk_computed_at = ${now}
      from unnest(${ids}::bigint[], ${scores}::real[], ${trends}::real[], ${breakdowns}::jsonb[])
        as t(id, score, trend, breakdown)
      where c.id = t.id
    `.execute(trx);
    await sql`
      insert into customer_risk_history (customer_id, day, score, breakdown, computed_at)
      select t.id, (${now}::timestamptz at time zone 'UTC')::date, t.score, t.breakdown, ${now}
      from unnest(${ids}::bigint[], ${scores}::real[], ${breakdowns}::jsonb[]) as t(id, score, breakdown)
      on conflict (customer_id, day) do update set score = excluded.score,
        breakdown = excluded.breakdown, computed_at = excluded.computed_at
    `.execute(trx);
    // The board's sparkline, precomputed here so listing pages never read the history.
    await sql`
      update customers c set risk_sparkline = array(
        select h.score from customer_risk_history h
        where h.customer_id = c.id and h.day > (${now}::timestamptz at time zone 'UTC')::date - 30
        order by h.day)
      where c.id = any(${ids}::bigint[])
    `.execute(trx);
  });
}

/** Every customer with a confirmed identity, for the periodic re-scoring (signals decay daily). */
export async function linkedCustomerIds(db: Db): Promise<string[]> {
  const r = await sql<{ customer_id: string }>`
    select distinct customer_id from customer_identities where status = 'confirmed'
  `.execute(db);
  return r.rows.map((x) => x.customer_id);
}
