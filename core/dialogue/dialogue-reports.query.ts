import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../db/database.js';

export const reportQuerySchema = z
  .object({
    by: z.enum(['agent', 'team', 'platform', 'week']).default('week'),
    /** Conversations opened in the last `days` days. */
    days: z.coerce.number().int().min(1).max(366).default(56),
  })
  .strict();

const GROUP = {
  agent: sql`coalesce(ag.name, 'unassigned')`,
  team: sql`coalesce(ag.team, 'unassigned')`,
  platform: sql`c.platform`,
  week: sql`to_char(date_trunc('week', c.opened_at), 'IYYY-"W"IW')`,
} as const;

interface ReportRow {
  key: string;
  conversations: number;
  resolved: number;
  answered: number;
  first_response_median_min: number | null;
  first_response_p90_min: number | null;
  resolution_median_min: number | null;
  resolution_p90_min: number | null;
  first_response_breaches: number;
  resolution_breaches: number;
}

/**
 * Response-time report: per agent, team, platform or ISO week of opening — volume handled,
 * median and 90th percentile of first-response and resolution times (wall-clock minutes from the
 * opening), and targets missed. One aggregate query.
 */
export async function responseReport(db: Executor, q: z.infer<typeof reportQuerySchema>) {
  const key = GROUP[q.by];
  const fr = sql`extract(epoch from (c.first_response_at - c.opened_at)) / 60`;
  const res = sql`extract(epoch from (c.resolved_at - c.opened_at)) / 60`;
  const r = await sql<ReportRow>`
    select ${key} as key, count(*)::int as conversations,
      count(c.resolved_at)::int as resolved, count(c.first_response_at)::int as answered,
      round((percentile_cont(0.5) within group (order by ${fr}))::numeric, 1)::float8 as first_response_median_min,
      round((percentile_cont(0.9) within group (order by ${fr}))::numeric, 1)::float8 as first_response_p90_min,
      round((percentile_cont(0.5) within group (order by ${res}))::numeric, 1)::float8 as resolution_median_min,
      round((percentile_cont(0.9) within group (order by ${res}))::numeric, 1)::float8 as resolution_p90_min,
      count(*) filter (where c.first_response_due_at < coalesce(c.first_response_at, now()))::int as first_response_breaches,
      count(*) filter (where c.resolution_due_at < coalesce(c.resolved_at, now()))::int as resolution_breaches
    from conversations c left join agents ag on ag.id = c.assignee_id
    where c.opened_at > now() - make_interval(days => ${q.days})
    group by 1 order by 1
  `.execute(db);
  return {
    by: q.by,
    days: q.days,
    rows: r.rows.map((x) => ({
      key: x.key,
      conversations: x.conversations,
      resolved: x.resolved,
      answered: x.answered,
      firstResponse: { medianMin: x.first_response_median_min, p90Min: x.first_response_p90_min },
      resolution: { medianMin: x.resolution_median_min, p90Min: x.resolution_p90_min },
      breaches: { firstResponse: x.first_response_breaches, resolution: x.resolution_breaches },
    })),
  };
}
