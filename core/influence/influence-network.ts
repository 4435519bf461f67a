import { z } from 'zod';
import type { Db } from '../db/database.js';
import { edgeBatches, type EdgeDto } from './influence-edges.query.js';
import { findRun } from './influence.repository.js';
import { influencerFilterSchema } from './influencer-filter.js';
import { influencerBatches, runDto, type InfluencerDto, type RunDto } from './influencer.query.js';

/** A picture stays readable up to a few hundred nodes; the GEXF export is for bigger graphs. */
export const networkQuerySchema = influencerFilterSchema
  .extend({ top: z.coerce.number().int().min(1).max(500).default(100) })
  .strict();
export type NetworkQuery = z.output<typeof networkQuerySchema>;

export interface InfluenceNetwork {
  run: RunDto | null;
  nodes: InfluencerDto[];
  edges: EdgeDto[];
}

/** The top authors of a run and the interactions among them, for the dashboard's network. */
export async function influenceNetwork(db: Db, q: NetworkQuery): Promise<InfluenceNetwork> {
  const run = await findRun(db, q.topic ?? null, q.window);
  if (!run) return { run: null, nodes: [], edges: [] };
  const nodes: InfluencerDto[] = [];
  for await (const batch of influencerBatches(db, run.id, q, { max: q.top })) nodes.push(...batch);
  const edges: EdgeDto[] = [];
  for await (const batch of edgeBatches(db, run.id, q, q.top)) edges.push(...batch);
  return { run: runDto(run), nodes, edges };
}
