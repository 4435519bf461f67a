import type { Response } from 'express';
import { z } from 'zod';
import { influenceNetwork, networkQuerySchema } from '../../core/influence/influence-network.js';
import { influencerListSchema } from '../../core/influence/influencer-filter.js';
import {
  exportInfluencers,
  influencerExportSchema,
  type ExportHead,
} from '../../core/influence/influencer-export.js';
import { getInfluencer, listInfluencers } from '../../core/influence/influencer.query.js';
import { METRIC_DICTIONARY } from '../../core/influence/metric-dictionary.js';
import type { AppDeps } from '../deps.js';
import { ANALYST, READ, route, type Route } from '../route.js';
import { audit } from '../../core/audit/audit.js';
import { announceRowCap, sendTruncated } from '../../core/audit/export-cap.js';
import { tallyExportRows } from '../../core/audit/export-tally.js';

const detailQuerySchema = z
  .object({
    topic: z
      .string()
      .regex(/^\d{1,18}$/, 'must be a topic id')
      .optional(),
    window: z.coerce.number().int().min(1).max(365).default(30),
  })
  .strict();

function sendHead(res: Response, head: ExportHead): void {
  res.status(200);
  res.setHeader('Content-Type', head.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${head.filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Influence-Computed-At', head.run.computedAt);
}

export function influencerRoutes(deps: AppDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/influencers',
      tag: 'influencers',
      summary:
        'Opinion leaders of a topic and window, best first (or by `sort`), filtered by stance ' +
        '(or `flag_bearer`), language and platform; bot-like accounts left out unless ' +
        '`bots=include`; keyset paging with `cursor`',
      roles: READ,
      query: influencerListSchema,
      handler: async ({ query }) => listInfluencers(deps.db, query),
    }),
    route({
      method: 'get',
      path: '/influencers/dictionary',
      tag: 'influencers',
      summary: 'What every influence metric and export column means, with its unit',
      roles: READ,
      handler: async () => ({ items: METRIC_DICTIONARY }),
    }),
    route({
      method: 'get',
      path: '/influencers/network',
      tag: 'influencers',
      summary: 'The top authors of a run and the weighted interactions among them',
      roles: READ,
      query: networkQuerySchema,
      handler: async ({ query }) => influenceNetwork(deps.db, query),
    }),
    route({
      method: 'get',
      path: '/influencers/export',
      tag: 'influencers',
      summary:
        'Streams the influencer list as CSV (RFC 4180, formula-looking cells neutralised), JSON ' +
        '(with the metric dictionary) or GEXF 1.3 for Gephi, with the listing filters',
      roles: ANALYST,
      query: influencerExportSchema,
      handler: async ({ req, query, res }) => {
        const rows = tallyExportRows(res, query.format);
        const cap = deps.config.EXPORT_MAX_ROWS;
        try {
          const { truncated } = await exportInfluencers(
            deps.db,
            query,
            res,
            (head) => {
              sendHead(res, head);
              announceRowCap(res, cap);
            },
            cap,
          );
          await audit(
            deps.db,
            req.principal,
            'export.influencers',
            { type: 'export' },
            { filters: query, rows: rows(), truncated, ...(truncated ? { rowCap: cap } : {}) },
          );
          sendTruncated(res, truncated);
        } catch (err) {
          // Before the first byte the error handler answers; after it, only cutting the
          // connection tells the client the file is incomplete.
          if (!res.headersSent) {
            res.removeHeader('Content-Disposition');
            throw err;
          }
          deps.logger.warn({ err: (err as Error).message }, 'influencer export interrupted');
          res.destroy();
          return;
        }
        res.end();
      },
    }),
    route({
      method: 'get',
      path: '/influencers/:authorId',
      tag: 'influencers',
      summary:
        "One author's influence score with its breakdown, and the authors who engage with them " +
        'most and whom they engage',
      roles: READ,
      query: detailQuerySchema,
      handler: async ({ params, query }) => getInfluencer(deps.db, params.authorId!, query),
    }),
  ];
}
