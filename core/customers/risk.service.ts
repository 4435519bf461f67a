import { sql, type RawBuilder } from 'kysely';
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
 * Recomputes and stores the churn risk of these customers at `now`. Per chunk of customers: three
 * reads run side by side (the analysed mentions of their confirmed authors within the window, one
 * JSON array per customer; their current score and the score a week ago; their conversation
 * figures), the score is computed in process, and ONE statement writes the current risk, the
 * sparkline and today's history point.
 *
 * Measured on the bench (batches of 500 mentions touching ~300 customers and ~4,000 mentions; a
 * loaded 2-core machine): one row per mention cost ~23 ms per batch to receive and parse, one JSON
 * array per customer ~15 ms; the earlier write (two updates of every customer row, the history
 * upsert, begin and commit: five round trips) 140–245 ms, the single statement 95–120 ms.
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

/** [mention id, published at (epoch ms), sentiment, signals] */
type MentionTuple = [string, number, ScoredMention['sentiment'], ScoredMention['signals']];

async function recomputeChunk(
  db: Db,
  ids: string[],
  w: ChurnWeights,
  now: Date,
): Promise<RiskChange[]> {
  const since = new Date(now.getTime() - w.windowDays * 86_400_000);
  const today = utcDay(now);
  const [mentions, previous, conversations] = await Promise.all([
    // floor(): a Date keeps whole milliseconds, as when the timestamp is parsed from text.
    sql<{ customer_id: string; mentions: MentionTuple[] }>`
      select i.customer_id, json_agg(json_build_array(m.id::text,
        floor(extract(epoch from m.published_at) * 1000)::float8, x.sentiment, x.signals)) as mentions
      from customer_identities i
      join mentions m on m.author_id = i.author_id and m.published_at > ${since} and m.published_at <= ${now}
      join mention_analyses x on x.mention_id = m.id and x.duplicate_of is null
      where i.status = 'confirmed' and i.customer_id = any(${ids}::bigint[])
      group by i.customer_id
    `.execute(db),
    // The score of a week ago: from the row's sparkline when it covers that day (sql/0016),
    // else from the history.
    sql<{ id: string; risk_score: number; week_ago: number | null }>`
      select c.id, c.risk_score, coalesce(
        (select s.score from unnest(c.risk_sparkline_days, c.risk_sparkline) as s(day, score)
          where ${covers(today)} and s.day <= ${today} - 7 order by s.day desc limit 1),
        (select h.score from customer_risk_history h
          where h.customer_id = c.id and h.day <= ${today} - 7 order by h.day desc limit 1)
      ) as week_ago
      from customers c where c.id = any(${ids}::bigint[])
    `.execute(db),
    conversationRiskFactors(db, ids),
  ]);
  const byCustomer = new Map<string, ScoredMention[]>();
  for (const r of mentions.rows) {
    byCustomer.set(
      r.customer_id,
      r.mentions.map(([id, at, sentiment, signals]) => ({
        id,
        publishedAt: new Date(at),
        sentiment,
        signals,
      })),
    );
  }
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

/** The UTC day of `now`, the day a history point is written for. */
const utcDay = (now: Date) => sql`(${now}::timestamptz at time zone 'UTC')::date`;

/**
 * Whether the row's sparkline arrays hold every history point of the 30 days before `today`
 * (sql/0016): the row was last scored for that day or an earlier one, and no writer left the two
 * arrays out of step.
 */
const covers = (today: RawBuilder<unknown>) => sql`(c.risk_computed_at is not null
  and (c.risk_computed_at at time zone 'UTC')::date <= ${today}
  and cardinality(c.risk_sparkline_days) = cardinality(c.risk_sparkline))`;

/**
 * One statement: today's history point is upserted and each customer row rewritten once, with its
 * sparkline (the last 30 daily points, sql/0009) and their days (sql/0016): the row's own points
 * of the other days of the window and today's new score, or — when the row does not cover the
 * window — the history's points (the statement does not see its own upsert, hence today's score
 * added in both cases).
 */
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
  const today = utcDay(now);
  await sql`
    with t as (
      select * from unnest(${ids}::bigint[], ${scores}::real[], ${trends}::real[], ${breakdowns}::jsonb[])
        as t(id, score, trend, breakdown)
    ), history as (
      insert into customer_risk_history (customer_id, day, score, breakdown, computed_at)
      select t.id, ${today}, t.score, t.breakdown, ${now} from t
      on conflict (customer_id, day) do update set score = excluded.score,
        breakdown = excluded.breakdown, computed_at = excluded.computed_at
    ), points as (
      select c.id, p.day, p.score
      from customers c join t on t.id = c.id
      cross join lateral (
        select s.day, s.score from unnest(c.risk_sparkline_days, c.risk_sparkline) as s(day, score)
        where ${covers(today)} and s.day > ${today} - 30 and s.day <> ${today}
        union all
        select h.day, h.score from customer_risk_history h
        where not ${covers(today)} and h.customer_id = c.id and h.day > ${today} - 30
          and h.day <> ${today}
        union all
        select ${today}, t.score
      ) p
    ), spark as (
      select id, array_agg(score order by day) as scores, array_agg(day order by day) as days
      from points group by id
    )
    update customers c set risk_score = t.score, risk_trend = t.trend, risk_breakdown = t.breakdown,
      risk_computed_at = ${now}, risk_sparkline = spark.scores, risk_sparkline_days = spark.days
    from t join spark on spark.id = t.id
    where c.id = t.id
  `.execute(db);
}

/** Every customer with a confirmed identity, for the periodic re-scoring (signals decay daily). */
export async function linkedCustomerIds(db: Db): Promise<string[]> {
  const r = await sql<{ customer_id: string }>`
    select distinct customer_id from customer_identities where status = 'confirmed'
  `.execute(db);
  return r.rows.map((x) => x.customer_id);
}
