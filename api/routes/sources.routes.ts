import { createOutboundHttp } from '../../core/http/outbound.js';
import { testSource, testSourceSchema } from '../../core/sources/source-test.service.js';
import {
  previewRequest,
  previewRequestSchema,
} from '../../core/sources/preview/preview.service.js';
import {
  createSource,
  createSourceSchema,
  editSource,
  getSource,
  listSourceDtos,
  pollSourceNow,
  removeSource,
  updateSourceSchema,
  type SourceDeps,
} from '../../core/sources/source.service.js';
import type { AppDeps } from '../deps.js';
import { ADMIN, READ, route, type Route } from '../route.js';
import { recorded } from '../../core/audit/audit.js';

export function sourceRoutes(deps: AppDeps): Route[] {
  const sd: SourceDeps = {
    db: deps.db,
    queues: deps.queues,
    secrets: deps.secrets,
    allowHosts: deps.config.OUTBOUND_ALLOW_HOSTS,
  };
  // The same safety as the workers' polls: SSRF checks on every hop, timeouts, size cap.
  const http = createOutboundHttp({
    timeoutMs: deps.config.HTTP_TIMEOUT_MS,
    maxBytes: deps.config.HTTP_MAX_BYTES,
    allowHosts: deps.config.OUTBOUND_ALLOW_HOSTS,
  });
  return [
    route({
      method: 'get',
      path: '/sources',
      tag: 'sources',
      summary:
        'List sources with their health (state, items per hour over 24 h, last success, last error, next poll, quota)',
      roles: READ,
      handler: async () => ({ items: await listSourceDtos(deps.db) }),
    }),
    route({
      method: 'get',
      path: '/sources/:id',
      tag: 'sources',
      summary: 'One source with its health',
      roles: READ,
      handler: async ({ params }) => getSource(deps.db, params.id!),
    }),
    route({
      method: 'post',
      path: '/sources',
      audit: { action: 'source.create', target: 'source' },
      tag: 'sources',
      summary: 'Connect a source; a webhook source answers its signing secret once',
      roles: ADMIN,
      body: createSourceSchema,
      status: 201,
      handler: async ({ req, body }) =>
        recorded(
          deps.db,
          req.principal,
          'source.create',
          (s) => ({ type: 'source', id: s.id }),
          createSource(sd, body),
          {
            kind: body.kind,
            name: body.name,
          },
        ),
    }),
    route({
      method: 'post',
      path: '/sources/test',
      audit: { unrecorded: 'fetches one page of proposed settings and stores nothing' },
      tag: 'sources',
      summary:
        'Fetch one page for proposed settings and answer what would be stored, storing nothing',
      roles: ADMIN,
      body: testSourceSchema,
      handler: async ({ body }) => testSource({ http, allowHosts: sd.allowHosts }, body),
    }),
    route({
      method: 'post',
      path: '/sources/preview',
      audit: { unrecorded: 'reads one feed or recorded response and stores nothing' },
      tag: 'sources',
      summary:
        'Read one feed or recorded API response (a URL, or a body given) as a source of that kind would, and answer the mentions it would store, one line each, with the decoding and warnings',
      roles: ADMIN,
      body: previewRequestSchema,
      handler: async ({ body }) => previewRequest(http, body),
    }),
    route({
      method: 'post',
      path: '/sources/:id/poll',
      audit: { action: 'source.poll', target: 'source' },
      tag: 'sources',
      summary: 'Poll an active source now instead of at its next tick',
      roles: ADMIN,
      status: 202,
      handler: async ({ params }) => pollSourceNow(sd, params.id!),
    }),
    route({
      method: 'patch',
      path: '/sources/:id',
      audit: { action: 'source.update', target: 'source' },
      tag: 'sources',
      summary: 'Edit, pause or resume a source (editing a failed source retries it)',
      roles: ADMIN,
      body: updateSourceSchema,
      handler: async ({ req, params, body }) =>
        recorded(
          deps.db,
          req.principal,
          'source.update',
          { type: 'source', id: params.id },
          editSource(sd, params.id!, body),
          {
            // Field names only: a source's settings can hold tokens.
            fields: Object.keys(body),
          },
        ),
    }),
    route({
      method: 'delete',
      path: '/sources/:id',
      audit: { action: 'source.delete', target: 'source' },
      tag: 'sources',
      summary: 'Disconnect a source (its mentions stay)',
      roles: ADMIN,
      handler: async ({ req, params }) => {
        await recorded(
          deps.db,
          req.principal,
          'source.delete',
          { type: 'source', id: params.id },
          removeSource(sd, params.id!),
        );
        return undefined;
      },
    }),
  ];
}
