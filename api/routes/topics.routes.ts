import {
  createTopic,
  deleteTopic,
  editTopic,
  getTopic,
  listTopics,
  topicInputSchema,
} from '../../core/topics/topic.service.js';
import { previewInputSchema, previewQuery } from '../../core/topics/topic-preview.js';
import { rerunStatus } from '../../core/topics/topic-rerun.js';
import { describeQuery, parseQuery, validateQuery } from '../../core/topics/query/index.js';
import type { AppDeps } from '../deps.js';
import { ANALYST, READ, route, type Route } from '../route.js';
import { recorded } from '../../core/audit/audit.js';

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
      method: 'post',
      path: '/topics/validate',
      audit: { unrecorded: 'checks a query and stores nothing' },
      tag: 'topics',
      summary:
        'Check a listening query as it is typed: where and why it does not parse, or its normalised form',
      roles: ANALYST,
      body: previewInputSchema,
      handler: async ({ body }) => {
        const v = validateQuery(body.query);
        return v.ok ? { ok: true, normalised: describeQuery(parseQuery(body.query)) } : v;
      },
    }),
    route({
      method: 'post',
      path: '/topics/preview',
      audit: { unrecorded: 'counts matches over stored mentions and stores nothing' },
      tag: 'topics',
      summary:
        'How many stored mentions a query matches, with the 10 newest and their matched terms, before saving',
      roles: ANALYST,
      body: previewInputSchema,
      handler: async ({ body }) => previewQuery(deps.db, body),
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
      method: 'get',
      path: '/topics/:id/rerun',
      tag: 'topics',
      summary: "Progress of the re-run of the topic's current query over stored mentions",
      roles: READ,
      handler: async ({ params }) => rerunStatus(deps.db, deps.queues, params.id!),
    }),
    route({
      method: 'post',
      path: '/topics',
      audit: { action: 'topic.create', target: 'topic' },
      tag: 'topics',
      summary:
        'Create a topic (run over stored mentions in the background); a bad query is refused with its position',
      roles: ANALYST,
      body: topicInputSchema,
      status: 201,
      handler: async ({ req, body }) =>
        recorded(
          deps.db,
          req.principal,
          'topic.create',
          (t) => ({ type: 'topic', id: t.id }),
          createTopic(deps.db, body, deps.queues),
          body,
        ),
    }),
    route({
      method: 'patch',
      path: '/topics/:id',
      audit: { action: 'topic.update', target: 'topic' },
      tag: 'topics',
      summary:
        'Rename a topic or change its query (a changed query re-runs it over stored mentions)',
      roles: ANALYST,
      body: topicInputSchema.partial().strict(),
      handler: async ({ req, params, body }) =>
        recorded(
          deps.db,
          req.principal,
          'topic.update',
          { type: 'topic', id: params.id },
          editTopic(deps.db, params.id!, body, deps.queues),
          body,
        ),
    }),
    route({
      method: 'delete',
      path: '/topics/:id',
      audit: { action: 'topic.delete', target: 'topic' },
      tag: 'topics',
      summary: 'Delete a topic (mentions stay)',
      roles: ANALYST,
      handler: async ({ req, params }) => {
        await recorded(
          deps.db,
          req.principal,
          'topic.delete',
          { type: 'topic', id: params.id },
          deleteTopic(deps.db, params.id!),
        );
        return undefined;
      },
    }),
  ];
}
