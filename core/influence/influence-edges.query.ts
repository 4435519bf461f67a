import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import { influencerWhere, SORTS, type InfluencerFilter } from './influencer-filter.js';

export interface EdgeDto {
  source: string;
  target: string;
  weight: number;
  replies: number;
  mentions: number;
  quotes: number;
  reposts: number;
}

/**
 * The interactions among the top `top` influencers matching the filter (both ends among them),
 * read in keyset pages of (source, target): the network picture and the GEXF export.
 */
export async function* edgeBatches(
  db: Db,
  runId: string,
  f: InfluencerFilter,
  top: number,
  batchSize = 5_000,
): AsyncGenerator<EdgeDto[]> {
  let after: { source: string; target: string } | null = null;
  for (;;) {
    const keyset: RawBuilder<unknown> = after
      ? sql`(e.source_id, e.target_id) > (${after.source}::bigint, ${after.target}::bigint)`
      : sql`true`;
    const { rows }: { rows: EdgeDto[] } = await sql<EdgeDto>`
      with top as materialized (
        select s.author_id from influence_scores s
        where ${influencerWhere(runId, f)}
        order by ${SORTS[f.sort]} desc, s.author_id desc limit ${top}
      )
      select e.source_id::text as source, e.target_id::text as target, e.weight, e.replies,
        e.mentions, e.quotes, e.reposts
      from influence_edges e
      where e.run_id = ${runId} and ${keyset}
        and e.source_id in (select author_id from top) and e.target_id in (select author_id from top)
      order by e.source_id, e.target_id
      limit ${batchSize}`.execute(db);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    const last: EdgeDto = rows[rows.length - 1]!;
    after = { source: last.source, target: last.target };
  }
}
