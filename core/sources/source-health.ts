import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Quota } from '../connectors/connector.js';
import type { SourceRow } from '../db/schema.js';

/** The window over which a source's throughput is measured. */
export const HEALTH_WINDOW_HOURS = 24;

export interface SourceThroughput {
  /** Mentions stored in the last 24 h, divided by 24. */
  itemsPerHour: number;
  itemsLast24h: number;
  /** Mentions stored per hour, oldest first: 24 buckets, the last one the current hour. */
  hourly: number[];
}

/** At a glance: is the source bringing mentions in? */
export type SourceHealthState =
  'ok' | 'pending' | 'erroring' | 'rate_limited' | 'failed' | 'paused' | 'pushed';

const EMPTY: SourceThroughput = {
  itemsPerHour: 0,
  itemsLast24h: 0,
  hourly: new Array<number>(HEALTH_WINDOW_HOURS).fill(0),
};

/**
 * Throughput of every source (or the listed ones) over the last 24 h, from when its mentions
 * were stored (`mentions.ingested_at`, indexed), in ONE grouped query for the whole table.
 */
export async function loadThroughput(
  db: Executor,
  sourceIds?: readonly string[],
): Promise<Map<string, SourceThroughput>> {
  const only = sourceIds ? sql`and source_id = any(${sourceIds}::bigint[])` : sql``;
  const { rows } = await sql<{ source_id: string; hours_ago: number; n: string }>`
    select source_id,
      floor(extract(epoch from (now() - ingested_at)) / 3600)::int as hours_ago,
      count(*) as n
    from mentions
    where ingested_at > now() - make_interval(hours => ${HEALTH_WINDOW_HOURS})
      and source_id is not null ${only}
    group by 1, 2
  `.execute(db);
  const out = new Map<string, SourceThroughput>();
  for (const r of rows) {
    const t = out.get(r.source_id) ?? { ...EMPTY, hourly: [...EMPTY.hourly] };
    const bucket = HEALTH_WINDOW_HOURS - 1 - Math.min(HEALTH_WINDOW_HOURS - 1, r.hours_ago);
    t.hourly[bucket]! += Number(r.n);
    t.itemsLast24h += Number(r.n);
    out.set(r.source_id, t);
  }
  for (const t of out.values()) {
    t.itemsPerHour = Math.round((t.itemsLast24h / HEALTH_WINDOW_HOURS) * 100) / 100;
  }
  return out;
}

export function throughputOf(map: Map<string, SourceThroughput>, id: string): SourceThroughput {
  return map.get(id) ?? { ...EMPTY, hourly: [...EMPTY.hourly] };
}

const PUSHED = new Set(['webhook', 'import']);

/** The badge a person reads first; the reason is in `lastError`. */
export function healthState(row: SourceRow, now = new Date()): SourceHealthState {
  if (row.status === 'failed') return 'failed';
  if (row.status === 'paused') return 'paused';
  if (PUSHED.has(row.kind)) return 'pushed';
  const lastError = row.last_error_at?.getTime() ?? -1;
  const lastSuccess = row.last_success_at?.getTime() ?? -1;
  if (lastError > lastSuccess) return isRateLimitWait(row, now) ? 'rate_limited' : 'erroring';
  if (lastSuccess < 0) return 'pending';
  return quotaResetAt(row, now) ? 'rate_limited' : 'ok';
}

/**
 * When the last successful page said the platform's quota is spent (remaining 0) and its reset
 * is still ahead, the reset time: a request before then would only be refused with a 429.
 */
export function quotaResetAt(row: Pick<SourceRow, 'quota'>, now = new Date()): Date | null {
  const quota = row.quota as Quota | null;
  if (quota?.remaining !== 0 || !quota.resetAt) return null;
  const reset = new Date(quota.resetAt);
  return reset.getTime() > now.getTime() ? reset : null;
}

/** The last poll was refused for rate limiting and the platform's wait is not over. */
export function isRateLimitWait(row: SourceRow, now = new Date()): boolean {
  if (!row.last_error?.startsWith('rate_limited')) return false;
  if ((row.last_error_at?.getTime() ?? -1) <= (row.last_success_at?.getTime() ?? -1)) return false;
  return row.next_poll_at !== null && row.next_poll_at.getTime() > now.getTime();
}
