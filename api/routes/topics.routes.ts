import {
  createTopic,
  deleteTopic,
  editTopic,
  getTopic,
  listTopics,
  topicInputSchema,
} from '../../core/topics/topic.service.js';
import type { AppDeps } from '../deps.js';
import { ADMIN, READ, route, type Route } from '../route.js';

export function topicRoutes(deps: AppDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/topics',
      tag: 'topics',
      summary: 'List topics and their listening queries',
      roles: READ,
      handler: async () => ({ items: await listTopics(deps.db) }),
    }),
    route({
      method: 'get',
      path: '/topics/:id',
      tag: 'topics',
      summary: 'One topic',
      roles: READ,
      handler: async ({ params }) => getTopic(deps.db, params.id!),
    }),
    route({
      method: 'post',
      path: '/topics',
      tag: 'topics',
      summary: 'Create a topic; a query that does not parse is refused with its position',
      roles: ADMIN,
      body: topicInputSchema,
      status: 201,
      handler: async ({ body }) => createTopic(deps.db, body),
    }),
    route({
      method: 'patch',
      path: '/topics/:id',
      tag: 'topics',
      summary: 'Rename a topic or change its query',
      roles: ADMIN,
      body: topicInputSchema.partial().strict(),
      handler: async ({ params, body }) => editTopic(deps.db, params.id!, body),
    }),
    route({
      method: 'delete',
      path: '/topics/:id',
      tag: 'topics',
      summary: 'Delete a topic (mentions stay)',
      roles: ADMIN,
      handler: async ({ params }) => {
        await deleteTopic(deps.db, params.id!);
        return undefined;
      },
    }),
  ];
}
