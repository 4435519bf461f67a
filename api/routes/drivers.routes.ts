import type { Request } from 'express';
import { z } from 'zod';
import {
  driverMentions,
  driverSeries,
  driverSummary,
  driversBySegment,
  drillQuerySchema,
  figuresQuerySchema,
  mainDriversForCustomers,
  segmentQuerySchema,
} from '../../core/drivers/driver-figures.js';
import {
  correctDriver,
  listEmerging,
  promoteCandidate,
  saveTaxonomy,
} from '../../core/drivers/driver.service.js';
import {
  currentTaxonomy,
  listTaxonomyVersions,
  taxonomyVersion,
} from '../../core/drivers/taxonomy.repository.js';
import { taxonomyInputSchema } from '../../core/drivers/taxonomy.js';
import { requireRow } from '../../core/db/require-row.js';
import { notFound } from '../../core/errors.js';
import type { AppDeps } from '../deps.js';
import { ADMIN, ANALYST, READ, route, type Route } from '../route.js';

const by = (req: Request) => req.principal?.name ?? null;
const keyId = (req: Request) => req.principal?.keyId ?? null;
const topicQuery = z.object({ topicId: z.string().regex(/^\d+$/).optional() }).strict();

export function driverRoutes(deps: AppDeps): Route[] {
  const db = deps.db;
  return [
    route({
      method: 'get',
      path: '/drivers/taxonomy',
      tag: 'drivers',
      roles: READ,
      summary: 'The driver taxonomy in force (drivers, example phrases fr/en, threshold, version)',
      handler: async () => currentTaxonomy(db),
    }),
    route({
      method: 'get',
      path: '/drivers/taxonomy/versions',
      tag: 'drivers',
      roles: READ,
      summary: 'Every taxonomy version, newest first',
      handler: async () => ({ items: await listTaxonomyVersions(db) }),
    }),
    route({
      method: 'get',
      path: '/drivers/taxonomy/versions/:version',
      tag: 'drivers',
      roles: READ,
      summary: 'One taxonomy version, to explain figures assigned with it',
      handler: async ({ params }) => {
        const t = /^\d{1,9}$/.test(params.version ?? '')
          ? await taxonomyVersion(db, Number(params.version))
          : undefined;
        if (!t) throw notFound('taxonomy version', params.version ?? '');
        return t;
      },
    }),
    route({
      method: 'put',
      path: '/drivers/taxonomy',
      audit: {
        action: 'taxonomy.save',
        target: 'taxonomy',
        details: (_ctx, t) => ({ version: (t as { version: number }).version }),
      },
      tag: 'drivers',
      roles: ADMIN,
      summary: 'Save a new taxonomy version and queue the retraining of the driver models',
      body: taxonomyInputSchema,
      handler: async ({ req, body }) => {
        const t = await saveTaxonomy(db, body, by(req));
        await deps.queues.enqueue(
          'drivers.retrain',
          {},
          { jobId: `drivers-retrain-v${t.version}` },
        );
        return t;
      },
    }),
    route({
      method: 'post',
      path: '/drivers/retrain',
      audit: { action: 'drivers.retrain', target: 'drivers', details: ({ body }) => body },
      tag: 'drivers',
      roles: ANALYST,
      status: 202,
      summary: 'Queue a retraining (phrases + corrections) and a re-assignment of recent mentions',
      body: z.object({ sinceDays: z.number().int().min(1).max(365).optional() }).strict(),
      handler: async ({ body }) => {
        const job = await deps.queues.enqueue(
          'drivers.retrain',
          body.sinceDays ? { sinceDays: body.sinceDays } : {},
        );
        return { jobId: job.id };
      },
    }),
    route({
      method: 'get',
      path: '/drivers/summary',
      tag: 'drivers',
      roles: READ,
      summary: 'Per driver: mentions, share and change against the previous period',
      query: figuresQuerySchema,
      handler: async ({ query }) => driverSummary(db, query),
    }),
    route({
      method: 'get',
      path: '/drivers/series',
      tag: 'drivers',
      roles: READ,
      summary: 'Mentions per day and driver (stacked chart)',
      query: figuresQuerySchema,
      handler: async ({ query }) => driverSeries(db, query),
    }),
    route({
      method: 'get',
      path: '/drivers/segments',
      tag: 'drivers',
      roles: READ,
      summary: 'Drivers per customer segment (tier, plan or region)',
      query: segmentQuerySchema,
      handler: async ({ query }) => driversBySegment(db, query),
    }),
    route({
      method: 'get',
      path: '/drivers/accounts/:customerId',
      tag: 'drivers',
      roles: READ,
      summary: "One account's main drivers",
      query: z.object({ days: z.coerce.number().int().min(1).max(365).default(90) }).strict(),
      handler: async ({ params, query }) => {
        const id = params.customerId ?? '';
        await requireRow(db, 'customers', id, 'customer');
        return {
          customerId: id,
          drivers:
            (await mainDriversForCustomers(db, [id], { days: query.days, top: 10 })).get(id) ?? [],
        };
      },
    }),
    route({
      method: 'get',
      path: '/drivers/emerging',
      tag: 'drivers',
      roles: READ,
      summary:
        'Emerging-complaint candidates of a topic (all mentions without topicId), strongest first',
      query: topicQuery,
      handler: async ({ query }) => ({ items: await listEmerging(db, query.topicId ?? null) }),
    }),
    route({
      method: 'post',
      path: '/drivers/emerging/refresh',
      audit: { action: 'drivers.emerging_refresh', target: 'topic', details: ({ body }) => body },
      tag: 'drivers',
      roles: ANALYST,
      status: 202,
      summary:
        'Queue a recomputation of the emerging candidates of a topic (all mentions without topicId)',
      body: topicQuery,
      handler: async ({ body }) => {
        const job = await deps.queues.enqueue('drivers.emerging', {
          topicId: body.topicId ?? null,
        });
        return { jobId: job.id };
      },
    }),
    route({
      method: 'post',
      path: '/drivers/emerging/:id/promote',
      audit: {
        action: 'drivers.promote',
        target: 'emerging_candidate',
        details: ({ body }) => body,
      },
      tag: 'drivers',
      roles: ANALYST,
      status: 201,
      summary: 'Name an emerging candidate: it becomes a driver of a new taxonomy version',
      body: z
        .object({
          name: z.string().trim().min(1).max(100).optional(),
          description: z.string().trim().max(1000).optional(),
        })
        .strict(),
      handler: async ({ req, params, body }) => {
        const out = await promoteCandidate(db, params.id ?? '', body, by(req));
        await deps.queues.enqueue(
          'drivers.retrain',
          {},
          { jobId: `drivers-retrain-v${out.taxonomyVersion}` },
        );
        return out;
      },
    }),
    route({
      method: 'post',
      path: '/drivers/corrections',
      audit: { action: 'driver.correct', target: 'mention', details: ({ body }) => body },
      tag: 'drivers',
      roles: ANALYST,
      summary: "Correct a mention's driver (null: none fits); kept for the next retraining",
      body: z
        .object({ mentionId: z.string().regex(/^\d+$/), driver: z.string().nullable() })
        .strict(),
      handler: async ({ req, body }) => correctDriver(db, body.mentionId, body.driver, keyId(req)),
    }),
    route({
      method: 'get',
      path: '/drivers/:driver/mentions',
      tag: 'drivers',
      roles: READ,
      summary:
        "A driver's mentions ('unassigned' for none) with evidence, newest first; keyset pages",
      query: drillQuerySchema,
      handler: async ({ params, query }) => driverMentions(db, params.driver ?? '', query),
    }),
  ];
}
