import { PassThrough, type Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { z } from 'zod';
import {
  accountTimeline,
  historyQuerySchema,
  riskHistory,
  timelineQuerySchema,
} from '../../core/customers/account.service.js';
import { parseColumnMap } from '../../core/customers/crm-row.js';
import { churnWeights } from '../../core/customers/churn-weights.js';
import { importCustomers } from '../../core/customers/customer-import.js';
import {
  customerListSchema,
  segmentQuerySchema,
  segmentRollup,
} from '../../core/customers/customer.query.js';
import {
  customerInputSchema,
  customerPatchSchema,
  deleteCustomer,
  getCustomer,
  listCustomers,
  saveCustomer,
  updateCustomer,
} from '../../core/customers/customer.service.js';
import {
  customerIdentities,
  decideIdentity,
  decideSchema,
  linkSchema,
  listSuggestions,
  suggestionQuerySchema,
} from '../../core/customers/identity.service.js';
import { linkedCustomerIds } from '../../core/customers/risk.service.js';
import { DomainError } from '../../core/errors.js';
import type { AppDeps } from '../deps.js';
import { ANALYST, READ, route, type Route } from '../route.js';
import { recorded } from '../../core/audit/audit.js';

/** A CRM export is small next to mentions; 20 MB is ~100,000 accounts. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export function customerRoutes(deps: AppDeps): Route[] {
  const qd = { db: deps.db, queues: deps.queues };
  const weights = () => churnWeights(deps.config.ECOUTE_CHURN_WEIGHTS);
  return [
    route({
      method: 'get',
      path: '/customers',
      tag: 'customers',
      roles: READ,
      summary:
        'The churn board: accounts by risk (or trend, value, name), filtered by segment, owner, risk; keyset pages',
      query: customerListSchema,
      // The page comes as JSON text built by Postgres (core/customers/customer.query.ts).
      handler: async ({ res, query }) => {
        res.type('application/json').send(await listCustomers(deps.db, query));
        return undefined;
      },
    }),
    route({
      method: 'get',
      path: '/customers/segments',
      tag: 'customers',
      roles: READ,
      summary: 'Roll-up per tier, plan, region or owner: accounts, accounts at risk, value at risk',
      query: segmentQuerySchema,
      handler: async ({ query }) => ({
        by: query.by,
        threshold: query.threshold ?? weights().atRiskThreshold,
        items: await segmentRollup(deps.db, query.by, query.threshold ?? weights().atRiskThreshold),
      }),
    }),
    route({
      method: 'get',
      path: '/customers/weights',
      tag: 'customers',
      roles: READ,
      summary: 'The churn-risk weights in force (defaults with ECOUTE_CHURN_WEIGHTS applied)',
      handler: async () => weights(),
    }),
    route({
      method: 'get',
      path: '/customers/identities/suggestions',
      tag: 'customers',
      roles: READ,
      summary: 'Author ↔ account suggestions awaiting a decision, with confidence and evidence',
      query: suggestionQuerySchema,
      handler: async ({ query }) => listSuggestions(deps.db, query),
    }),
    route({
      method: 'post',
      path: '/customers/identities/suggest',
      audit: { action: 'identity.suggest_run', target: 'customers' },
      tag: 'customers',
      roles: ANALYST,
      status: 202,
      summary: 'Queue a batch run of identity linking and suggestions over every account',
      body: z.object({}).strict(),
      handler: async () => {
        const job = await deps.queues.enqueue('customers.link', {});
        return { jobId: job.id };
      },
    }),
    route({
      method: 'post',
      path: '/customers/risk/recompute',
      audit: { action: 'customer.risk_recompute', target: 'customers' },
      tag: 'customers',
      roles: ANALYST,
      status: 202,
      summary: 'Queue a recomputation of every linked account’s risk',
      body: z.object({}).strict(),
      handler: async () => {
        const ids = await linkedCustomerIds(deps.db);
        if (ids.length > 0) await deps.queues.enqueue('customers.risk', { customerIds: ids });
        return { customers: ids.length };
      },
    }),
    route({
      method: 'post',
      path: '/customers/import',
      audit: {
        action: 'customer.import',
        target: 'customers',
        // Counts only: the rejected lines quote CRM values.
        details: ({ query }, r) => {
          const s = r as { read: number; created: number; updated: number; rejected: unknown[] };
          const map = query.map === undefined ? {} : { map: query.map };
          return {
            ...map,
            read: s.read,
            created: s.created,
            updated: s.updated,
            rejected: s.rejected.length,
          };
        },
      },
      tag: 'customers',
      roles: ANALYST,
      summary:
        'Import a CRM export (text/csv body or a multipart file); ?map=name=Company,crm_id=Id maps columns',
      query: z.object({ map: z.string().max(2000).optional() }).strict(),
      handler: async ({ req, query }) => {
        const summary = await importCustomers(
          deps.db,
          await uploadStream(req),
          parseColumnMap(query.map),
        );
        if (summary.customerIds.length > 0) {
          await deps.queues.enqueue('customers.link', { customerIds: summary.customerIds });
        }
        const { customerIds, ...rest } = summary;
        return { ...rest, customers: customerIds.length };
      },
    }),
    route({
      method: 'post',
      path: '/customers',
      audit: { action: 'customer.save', target: 'customer' },
      tag: 'customers',
      roles: ANALYST,
      status: 201,
      summary: 'Create (or update, by CRM id) one account',
      body: customerInputSchema,
      handler: async ({ body }) => saveCustomer(deps.db, body),
    }),
    route({
      method: 'get',
      path: '/customers/:id',
      tag: 'customers',
      roles: READ,
      summary: 'One account with its current risk and the breakdown behind it',
      handler: async ({ params }) => getCustomer(deps.db, params.id!),
    }),
    route({
      method: 'patch',
      path: '/customers/:id',
      audit: { action: 'customer.update', target: 'customer' },
      tag: 'customers',
      roles: ANALYST,
      summary: 'Edit an account',
      body: customerPatchSchema,
      handler: async ({ params, body }) => updateCustomer(deps.db, params.id!, body),
    }),
    route({
      method: 'delete',
      path: '/customers/:id',
      audit: { action: 'customer.delete', target: 'customer' },
      tag: 'customers',
      roles: ANALYST,
      summary: 'Delete an account (its authors and mentions stay)',
      handler: async ({ params }) => {
        await deleteCustomer(deps.db, params.id!);
        return undefined;
      },
    }),
    route({
      method: 'get',
      path: '/customers/:id/mentions',
      tag: 'customers',
      roles: READ,
      summary:
        'The account’s timeline: mentions of its confirmed identities with signals and evidence',
      query: timelineQuerySchema,
      handler: async ({ params, query }) => accountTimeline(deps.db, params.id!, query),
    }),
    route({
      method: 'get',
      path: '/customers/:id/risk-history',
      tag: 'customers',
      roles: READ,
      summary: 'Daily risk of the account with the points each factor added',
      query: historyQuerySchema,
      handler: async ({ params, query }) => riskHistory(deps.db, params.id!, query.days),
    }),
    route({
      method: 'get',
      path: '/customers/:id/identities',
      tag: 'customers',
      roles: READ,
      summary: 'Confirmed and suggested social identities of the account',
      handler: async ({ params }) => customerIdentities(deps.db, params.id!),
    }),
    route({
      method: 'post',
      path: '/customers/:id/identities',
      audit: { action: 'identity.confirm', target: 'customer' },
      tag: 'customers',
      roles: ANALYST,
      status: 201,
      summary: 'Link an author to the account by hand (confirmed)',
      body: linkSchema,
      handler: async ({ req, params, body }) =>
        recorded(
          deps.db,
          req.principal,
          'identity.confirm',
          { type: 'customer', id: params.id },
          decideIdentity(qd, params.id!, body.authorId, 'confirmed', req.principal?.name ?? 'api'),
          { authorId: body.authorId, status: 'confirmed' },
        ),
    }),
    route({
      method: 'patch',
      path: '/customers/:id/identities/:authorId',
      audit: { action: 'identity.decide', target: 'customer' },
      tag: 'customers',
      roles: ANALYST,
      summary: 'Confirm or reject a suggested identity (a rejected pair is never suggested again)',
      body: decideSchema,
      handler: async ({ req, params, body }) =>
        recorded(
          deps.db,
          req.principal,
          `identity.${body.status === 'confirmed' ? 'confirm' : 'reject'}`,
          { type: 'customer', id: params.id },
          decideIdentity(
            qd,
            params.id!,
            params.authorId!,
            body.status,
            req.principal?.name ?? 'api',
          ),
          { authorId: params.authorId, status: body.status },
        ),
    }),
  ];
}

/** The CSV of an import request: the raw body (text/csv) or the first file of a multipart form. */
async function uploadStream(req: Request): Promise<Readable> {
  const type = req.headers['content-type'] ?? '';
  if (/^(text\/csv|text\/plain|application\/csv)/i.test(type)) return capped(req);
  if (!/^multipart\/form-data/i.test(type)) {
    throw new DomainError(
      'unsupported_media_type',
      'send the CSV as text/csv or as a multipart/form-data file',
      [
        {
          field: 'content-type',
          reason: `"${type || 'none'}" is not text/csv or multipart/form-data`,
        },
      ],
    );
  }
  return new Promise((resolve, reject) => {
    const bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES } });
    let found = false;
    bb.on('file', (_name, file) => {
      found = true;
      const out = new PassThrough();
      file.on('limit', () =>
        out.destroy(
          new DomainError('payload_too_large', `the file is larger than ${MAX_UPLOAD_BYTES} bytes`),
        ),
      );
      file.pipe(out);
      resolve(out);
    });
    bb.on('close', () => {
      if (!found)
        reject(
          new DomainError('validation_failed', 'file: the form has no file', [
            { field: 'file', reason: 'missing' },
          ]),
        );
    });
    bb.on('error', (err) =>
      reject(new DomainError('bad_request', `multipart: ${(err as Error).message}`)),
    );
    req.pipe(bb);
  });
}

function capped(req: Request): Readable {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_UPLOAD_BYTES) {
    throw new DomainError('payload_too_large', `the body is larger than ${MAX_UPLOAD_BYTES} bytes`);
  }
  let seen = 0;
  const out = new PassThrough();
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > MAX_UPLOAD_BYTES)
      out.destroy(
        new DomainError('payload_too_large', `the body is larger than ${MAX_UPLOAD_BYTES} bytes`),
      );
  });
  req.pipe(out);
  return out;
}
