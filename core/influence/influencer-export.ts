import type { Writable } from 'node:stream';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import { writeCsv } from './export/csv.js';
import { writeGexf } from './export/gexf.js';
import { writeJson } from './export/json.js';
import { edgeBatches } from './influence-edges.query.js';
import { findRun } from './influence.repository.js';
import { influencerFilterSchema } from './influencer-filter.js';
import { capBatches } from '../audit/export-cap.js';
import { influencerBatches, runDto, type RunDto } from './influencer.query.js';

/**
 * A graph file of more nodes than this is more than Gephi shows legibly; lists are capped by
 * EXPORT_MAX_ROWS instead (see exportInfluencers).
 */
export const GEXF_DEFAULT_NODES = 1_000;
export const GEXF_MAX_NODES = 100_000;

/** Exports are in rank order (the score's index keeps each batch a range scan). */
export const influencerExportSchema = influencerFilterSchema
  .omit({ sort: true })
  .extend({
    format: z.enum(['csv', 'json', 'gexf']).default('csv'),
    /** At most this many influencers, best first (GEXF: default 1,000, at most 100,000). */
    limit: z.coerce.number().int().min(1).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.format === 'gexf' && q.limit !== undefined && q.limit > GEXF_MAX_NODES) {
      ctx.addIssue({
        code: 'custom',
        path: ['limit'],
        message: `at most ${GEXF_MAX_NODES} for gexf`,
      });
    }
  });
export type InfluencerExportQuery = z.output<typeof influencerExportSchema>;

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
  gexf: 'application/gexf+xml; charset=utf-8',
} as const;

export interface ExportHead {
  contentType: string;
  filename: string;
  run: RunDto;
}

/**
 * Streams a run's influencers to `out` as CSV, JSON (with the metric dictionary) or GEXF, with
 * memory bounded by one batch. `onHead` is called once the run is known, before the first byte,
 * so an HTTP caller can still answer 404 for a run never computed. A CSV or JSON list stops at
 * `maxRows` (GEXF has its own, lower, node limit); the answer says whether rows were left out.
 */
export async function exportInfluencers(
  db: Db,
  q: InfluencerExportQuery,
  out: Writable,
  onHead: (head: ExportHead) => void = () => undefined,
  maxRows = Infinity,
): Promise<{ truncated: boolean }> {
  const f = { ...q, sort: 'score' as const };
  const run = await findRun(db, q.topic ?? null, q.window);
  if (!run) throw notFound(`influence run for window ${q.window} d of topic`, q.topic ?? 'all');
  const dto = runDto(run);
  const stamp = dto.computedAt.slice(0, 10);
  onHead({
    contentType: CONTENT_TYPES[q.format],
    filename: `influencers-${q.topic ? `topic-${q.topic}` : 'all'}-${q.window}d-${stamp}.${q.format}`,
    run: dto,
  });
  if (q.format === 'gexf') {
    const top = q.limit ?? GEXF_DEFAULT_NODES;
    const nodes = influencerBatches(db, run.id, f, { max: top });
    await writeGexf(out, dto, nodes, edgeBatches(db, run.id, f, top));
    return { truncated: false };
  }
  const wanted = q.limit ?? Infinity;
  if (wanted <= maxRows) {
    const batches = influencerBatches(db, run.id, f, q.limit ? { max: q.limit } : {});
    if (q.format === 'json') await writeJson(out, dto, run.settings, batches, () => false);
    else await writeCsv(out, batches);
    return { truncated: false };
  }
  // One row more than the cap tells a list that was cut from one that fits exactly.
  const capped = capBatches(influencerBatches(db, run.id, f, { max: maxRows + 1 }), maxRows);
  if (q.format === 'json')
    await writeJson(out, dto, run.settings, capped.batches, capped.truncated);
  else await writeCsv(out, capped.batches);
  return { truncated: capped.truncated() };
}
