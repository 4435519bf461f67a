import type { Request } from 'express';
import {
  addNote,
  assign,
  assignSchema,
  noteSchema,
  openManually,
  openSchema,
  prioritySchema,
  setPriority,
  setStatus,
  statusSchema,
} from '../../core/dialogue/conversation-actions.js';
import { conversationDetail } from '../../core/dialogue/conversation-detail.js';
import {
  inboxCounts,
  inboxQuerySchema,
  listInbox,
} from '../../core/dialogue/conversation.query.js';
import { agentOfKey } from '../../core/dialogue/dialogue-admin.js';
import { queueReply, replyInputSchema } from '../../core/dialogue/reply.service.js';
import { DomainError } from '../../core/errors.js';
import type { AppDeps } from '../deps.js';
import { AGENT, READ, route, type Route } from '../route.js';
import { recorded } from '../../core/audit/audit.js';

const idParam = (params: Record<string, string>) => {
  const id = params.id ?? '';
  if (!/^\d+$/.test(id))
    throw new DomainError('validation_failed', 'id: must be a number', [
      { field: 'id', reason: 'must be a number' },
    ]);
  return id;
};

export function conversationRoutes(deps: AppDeps): Route[] {
  const db = deps.db;
  /** Who acts: an agent (by their key), or an admin; readers who are not agents only read. */
  const actor = async (req: Request) => {
    const agent = await agentOfKey(db, req.principal?.keyId);
    if (!agent && req.principal?.role !== 'admin') {
      throw new DomainError('forbidden', 'only agents and admins can work conversations');
    }
    return { agentId: agent?.id ?? null, name: agent?.name ?? req.principal?.name ?? 'unknown' };
  };
  return [
    route({
      method: 'get',
      path: '/conversations',
      tag: 'dialogue',
      roles: READ,
      summary:
        'The inbox: conversations needing an answer, filtered (mine, unassigned, state, platform, priority); keyset pages',
      query: inboxQuerySchema,
      handler: async ({ query, req }) => {
        const agent = await agentOfKey(db, req.principal?.keyId);
        return { ...(await listInbox(db, query, agent?.id ?? null)), me: agent };
      },
    }),
    route({
      method: 'get',
      path: '/conversations/counts',
      tag: 'dialogue',
      roles: READ,
      summary: 'Counts for the inbox tabs: active, mine, unassigned, at risk, breached',
      handler: async ({ req }) =>
        inboxCounts(db, (await agentOfKey(db, req.principal?.keyId))?.id ?? null),
    }),
    route({
      method: 'post',
      path: '/conversations',
      audit: { action: 'conversation.open', target: 'conversation', details: ({ body }) => body },
      tag: 'dialogue',
      roles: AGENT,
      status: 201,
      summary: 'Open the conversation of a mention’s thread by hand (or return the existing one)',
      body: openSchema,
      handler: async ({ body, req }) => openManually(db, body.mentionId, (await actor(req)).name),
    }),
    route({
      method: 'get',
      path: '/conversations/:id',
      tag: 'dialogue',
      roles: READ,
      summary:
        'One conversation: the whole thread with signals and evidence, notes, history, account context, targets',
      handler: async ({ params }) => conversationDetail(db, idParam(params)),
    }),
    route({
      method: 'post',
      path: '/conversations/:id/replies',
      audit: { action: 'reply.send', target: 'conversation' },
      tag: 'dialogue',
      roles: AGENT,
      status: 202,
      summary:
        'Reply on the platform (queued, sent with retries and an idempotency key) or record an answer given elsewhere',
      body: replyInputSchema,
      handler: async ({ params, body, req }) =>
        recorded(
          db,
          req.principal,
          'reply.send',
          { type: 'conversation', id: idParam(params) },
          queueReply({ db, queues: deps.queues }, idParam(params), await actor(req), body),
          { fields: Object.keys(body) },
        ),
    }),
    route({
      method: 'post',
      path: '/conversations/:id/status',
      audit: { action: 'conversation.status', target: 'conversation', details: ({ body }) => body },
      tag: 'dialogue',
      roles: AGENT,
      summary: 'Set open, pending (waiting on the customer) or resolved',
      body: statusSchema,
      handler: async ({ params, body, req }) => {
        await setStatus(db, idParam(params), body.status, (await actor(req)).name);
        return conversationDetail(db, idParam(params));
      },
    }),
    route({
      method: 'post',
      path: '/conversations/:id/assign',
      audit: { action: 'conversation.assign', target: 'conversation', details: ({ body }) => body },
      tag: 'dialogue',
      roles: AGENT,
      summary: 'Reassign to an agent (or unassign with null)',
      body: assignSchema,
      handler: async ({ params, body, req }) => {
        await assign(db, idParam(params), body.agentId, (await actor(req)).name);
        return conversationDetail(db, idParam(params));
      },
    }),
    route({
      method: 'post',
      path: '/conversations/:id/priority',
      audit: {
        action: 'conversation.priority',
        target: 'conversation',
        details: ({ body }) => body,
      },
      tag: 'dialogue',
      roles: AGENT,
      summary: 'Change the priority (the response targets move with it)',
      body: prioritySchema,
      handler: async ({ params, body, req }) => {
        await setPriority(db, idParam(params), body.priority, (await actor(req)).name);
        return conversationDetail(db, idParam(params));
      },
    }),
    route({
      method: 'post',
      path: '/conversations/:id/notes',
      audit: { action: 'conversation.note', target: 'conversation' },
      tag: 'dialogue',
      roles: AGENT,
      status: 201,
      summary: 'Add an internal note (never sent to the person)',
      body: noteSchema,
      handler: async ({ params, body, req }) =>
        addNote(db, idParam(params), body.text, (await actor(req)).name),
    }),
  ];
}
