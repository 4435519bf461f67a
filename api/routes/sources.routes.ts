import {
  createSource,
  createSourceSchema,
  editSource,
  getSource,
  listSourceDtos,
  removeSource,
  updateSourceSchema,
  type SourceDeps,
} from '../../core/sources/source.service.js';
import type { AppDeps } from '../deps.js';
import { ADMIN, READ, route, type Route } from '../route.js';

export function sourceRoutes(deps: AppDeps): Route[] {
  const sd: SourceDeps = {
    db: deps.db,
    queues: deps.queues,
    secrets: deps.secrets,
    allowHosts: deps.config.OUTBOUND_ALLOW_HOSTS,
  };
  return [
    route({
      method: 'get',
      path: '/sources',
      tag: 'sources',
      summary: 'List sources with their health (last success, last error, next poll, quota)',
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
      tag: 'sources',
      summary: 'Connect a source; a webhook source answers its signing secret once',
      roles: ADMIN,
      body: createSourceSchema,
      status: 201,
      handler: async ({ body }) => createSource(sd, body),
    }),
    route({
      method: 'patch',
      path: '/sources/:id',
      tag: 'sources',
      summary: 'Edit, pause or resume a source (editing a failed source retries it)',
      roles: ADMIN,
      body: updateSourceSchema,
      handler: async ({ params, body }) => editSource(sd, params.id!, body),
    }),
    route({
      method: 'delete',
      path: '/sources/:id',
      tag: 'sources',
      summary: 'Disconnect a source (its mentions stay)',
      roles: ADMIN,
      handler: async ({ params }) => {
        await removeSource(sd, params.id!);
        return undefined;
      },
    }),
  ];
}
