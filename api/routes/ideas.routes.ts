import type { Request } from 'express';
import { z } from 'zod';
import { requireRow } from '../../core/db/require-row.js';
import { invalid } from '../../core/errors.js';
import type { Actor } from '../../core/ideas/actor.js';
import { listCandidateGroups } from '../../core/ideas/candidates/candidate-queue.js';
import {
  attachCandidates,
  createIdeaFromCandidates,
  dismissCandidates,
} from '../../core/ideas/candidates/review-candidates.js';
import { listContributors } from '../../core/ideas/contributors.js';
import { getIdeaDetail } from '../../core/ideas/idea-detail.js';
import { ideaGrid, ideaSettings, roadmap } from '../../core/ideas/idea-views.js';
import {
  attachCandidatesSchema,
  boardQuerySchema,
  createFromCandidatesSchema,
  dismissCandidatesSchema,
  ideaInputSchema,
  leaderInputSchema,
  mergeInputSchema,
  scoreInputSchema,
  similarQuerySchema,
  statusInputSchema,
  webhookInputSchema,
} from '../../core/ideas/idea.schemas.js';
import { createIdea, editIdea, listBoard } from '../../core/ideas/idea.service.js';
import { addLeader, listLeaders, removeLeader } from '../../core/ideas/leaders.js';
import { mergeIdea, unmergeIdea } from '../../core/ideas/merge.js';
import {
  addIdeaWebhook,
  listIdeaWebhooks,
  removeIdeaWebhook,
} from '../../core/ideas/notify/webhooks.js';
import { scoreAudit, setScore } from '../../core/ideas/scores.js';
import { similarIdeas } from '../../core/ideas/similar-ideas.js';
import { changeStatus } from '../../core/ideas/status.js';
import { castVote, withdrawVote } from '../../core/ideas/votes.js';
import type { AppDeps } from '../deps.js';
import { ADMIN, ANALYST, READ, STAFF, route, type Route } from '../route.js';
import { recorded } from '../../core/audit/audit.js';

/** The signed-in API key acting (the role guard has already required one). */
const actorOf = (req: Request): Actor => ({
  keyId: req.principal!.keyId,
  name: req.principal!.name,
});

const tag = 'ideas';

/** Path ids are bigint: anything else is refused before it reaches SQL. */
function idOf(value: string, field = 'id'): string {
  if (!/^\d{1,18}$/.test(value)) throw invalid(field, 'must be a numeric id');
  return value;
}

/**
 * The idea board. Reading and voting are open to every signed-in role (a vote is one person's
 * voice, not an administrative act); reviewing, scoring, statuses and merges need admin.
 * Static paths come before `/ideas/:id`, which would otherwise match them.
 */
export function ideaRoutes(deps: AppDeps): Route[] {
  return [
    ...queueRoutes(deps),
    ...boardRoutes(deps),
    ...ideaItemRoutes(deps),
    ...ideaActionRoutes(deps),
  ];
}

function queueRoutes(deps: AppDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/ideas/candidates',
      tag,
      roles: READ,
      summary:
        'The review queue: pending idea candidates grouped by similarity, with similar existing ideas',
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      handler: async ({ query }) => listCandidateGroups(deps.db, query.limit),
    }),
    route({
      method: 'post',
      path: '/ideas/candidates/create',
      audit: { action: 'idea.create_from_candidates', target: 'idea' },
      tag,
      roles: ANALYST,
      status: 201,
      summary: 'Turn candidates (a group) into a new idea; their authors become its supporters',
      body: createFromCandidatesSchema,
      handler: async ({ req, body }) => createIdeaFromCandidates(deps.db, body, actorOf(req)),
    }),
    route({
      method: 'post',
      path: '/ideas/candidates/attach',
      audit: { action: 'idea.attach_candidates', target: 'idea', details: ({ body }) => body },
      tag,
      roles: ANALYST,
      summary: 'Attach candidates to an existing idea; their authors become its supporters',
      body: attachCandidatesSchema,
      handler: async ({ req, body }) => attachCandidates(deps.db, body, actorOf(req)),
    }),
    route({
      method: 'post',
      path: '/ideas/candidates/dismiss',
      audit: {
        action: 'idea.dismiss_candidates',
        target: 'idea_candidates',
        details: ({ body }) => body,
      },
      tag,
      roles: ANALYST,
      summary: 'Dismiss candidates that are not ideas',
      body: dismissCandidatesSchema,
      handler: async ({ req, body }) => dismissCandidates(deps.db, body, actorOf(req)),
    }),
  ];
}

function boardRoutes(deps: AppDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/ideas',
      tag,
      roles: READ,
      query: boardQuerySchema,
      summary:
        'The board: live ideas with demand (votes, supporters, customer value) and scores, filtered and sorted',
      handler: async ({ query }) => ({ items: await listBoard(deps.db, query) }),
    }),
    route({
      method: 'post',
      path: '/ideas',
      audit: { action: 'idea.create', target: 'idea' },
      tag,
      roles: ANALYST,
      status: 201,
      body: ideaInputSchema,
      summary: 'Post an idea as staff',
      handler: async ({ req, body }) => createIdea(deps.db, body, actorOf(req)),
    }),
    route({
      method: 'get',
      path: '/ideas/similar',
      tag,
      roles: READ,
      query: similarQuerySchema,
      summary: 'Existing ideas similar to a text (French or English), while typing',
      handler: async ({ query }) => ({ items: await similarIdeas(deps.db, query.q, query.limit) }),
    }),
    route({
      method: 'get',
      path: '/ideas/grid',
      tag,
      roles: READ,
      summary: 'Scored ideas by mean feasibility and impact, with demand for the bubble size',
      query: z.object({ includeClosed: z.enum(['true', 'false']).default('false') }),
      handler: async ({ query }) =>
        ideaGrid(deps.db, { includeClosed: query.includeClosed === 'true' }),
    }),
    route({
      method: 'get',
      path: '/ideas/roadmap',
      tag,
      roles: READ,
      summary: 'Live ideas by status, in roadmap order',
      handler: async () => ({ columns: await roadmap(deps.db) }),
    }),
    route({
      method: 'get',
      path: '/ideas/contributors',
      tag,
      roles: READ,
      summary: 'The givers: who brought the ideas that were adopted',
      handler: async () => ({ items: await listContributors(deps.db) }),
    }),
    route({
      method: 'get',
      path: '/ideas/settings',
      tag,
      roles: READ,
      summary: 'The configured statuses and the feasibility and impact scales',
      handler: async () => ideaSettings(),
    }),
    route({
      method: 'get',
      path: '/ideas/webhooks',
      tag,
      roles: ADMIN,
      summary: 'Subscribers to idea status changes',
      handler: async () => ({ items: await listIdeaWebhooks(deps.db) }),
    }),
    route({
      method: 'post',
      path: '/ideas/webhooks',
      audit: { action: 'idea_webhook.create', target: 'idea_webhook' },
      tag,
      roles: ADMIN,
      status: 201,
      body: webhookInputSchema,
      summary: 'Subscribe a URL to idea status changes (events signed with the given secret)',
      handler: async ({ body }) =>
        addIdeaWebhook(
          { db: deps.db, secrets: deps.secrets, allowHosts: deps.config.OUTBOUND_ALLOW_HOSTS },
          body,
        ),
    }),
    route({
      method: 'delete',
      path: '/ideas/webhooks/:id',
      audit: { action: 'idea_webhook.delete', target: 'idea_webhook' },
      tag,
      roles: ADMIN,
      summary: 'Remove a status-change subscriber',
      handler: async ({ params }) => {
        await removeIdeaWebhook(deps.db, idOf(params.id!));
        return undefined;
      },
    }),
  ];
}

function ideaItemRoutes(deps: AppDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/ideas/:id',
      tag,
      roles: READ,
      summary:
        'One idea: demand, supporting mentions with evidence, votes, reviewer scores, audit, history, merges, leaders, prepared replies',
      handler: async ({ params }) => getIdeaDetail(deps.db, idOf(params.id!)),
    }),
    route({
      method: 'patch',
      path: '/ideas/:id',
      audit: { action: 'idea.update', target: 'idea' },
      tag,
      roles: ANALYST,
      body: ideaInputSchema.partial().strict(),
      summary: 'Edit an idea’s title or description',
      handler: async ({ params, body }) => editIdea(deps.db, idOf(params.id!), body),
    }),
    route({
      method: 'post',
      path: '/ideas/:id/vote',
      audit: { action: 'idea.vote', target: 'idea' },
      tag,
      roles: STAFF,
      summary: 'Vote for an idea: one vote per person (API key); voting again changes nothing',
      handler: async ({ req, params }) => castVote(deps.db, idOf(params.id!), actorOf(req)),
    }),
    route({
      method: 'delete',
      path: '/ideas/:id/vote',
      audit: { action: 'idea.unvote', target: 'idea' },
      tag,
      roles: STAFF,
      summary: 'Withdraw one’s vote',
      handler: async ({ req, params }) => withdrawVote(deps.db, idOf(params.id!), actorOf(req)),
    }),
    route({
      method: 'put',
      path: '/ideas/:id/score',
      audit: { action: 'idea.score', target: 'idea' },
      tag,
      roles: ANALYST,
      body: scoreInputSchema,
      summary: 'Set one’s own feasibility (0–4) and impact (0–4) scores with a comment (audited)',
      handler: async ({ req, params, body }) => ({
        items: await recorded(
          deps.db,
          req.principal,
          'idea.score',
          { type: 'idea', id: params.id },
          setScore(deps.db, idOf(params.id!), body, actorOf(req)),
          body,
        ),
      }),
    }),
    route({
      method: 'get',
      path: '/ideas/:id/score-audit',
      tag,
      roles: READ,
      summary: 'Every score change: who, when, old and new values',
      handler: async ({ params }) => {
        await requireRow(deps.db, 'ideas', params.id!, 'idea');
        return { items: await scoreAudit(deps.db, params.id!) };
      },
    }),
  ];
}

function ideaActionRoutes(deps: AppDeps): Route[] {
  return [
    route({
      method: 'post',
      path: '/ideas/:id/status',
      audit: { action: 'idea.status', target: 'idea' },
      tag,
      roles: ANALYST,
      body: statusInputSchema,
      summary:
        'Change the status with a public reason: one webhook event and replies prepared for supporters',
      handler: async ({ req, params, body }) =>
        recorded(
          deps.db,
          req.principal,
          'idea.status',
          { type: 'idea', id: params.id },
          changeStatus(deps, idOf(params.id!), body, actorOf(req)),
          body,
        ),
    }),
    route({
      method: 'post',
      path: '/ideas/:id/merge',
      audit: { action: 'idea.merge', target: 'idea' },
      tag,
      roles: ANALYST,
      body: mergeInputSchema,
      summary:
        'Merge this idea into another: its votes, supporters and links count there (undoable)',
      handler: async ({ req, params, body }) =>
        recorded(
          deps.db,
          req.principal,
          'idea.merge',
          { type: 'idea', id: params.id },
          mergeIdea(deps.db, idOf(params.id!), body.into, actorOf(req)),
          { into: body.into },
        ),
    }),
    route({
      method: 'post',
      path: '/ideas/:id/unmerge',
      audit: { action: 'idea.unmerge', target: 'idea' },
      tag,
      roles: ANALYST,
      summary: 'Undo the merge of this idea: every vote, supporter and link comes back',
      handler: async ({ req, params }) =>
        recorded(
          deps.db,
          req.principal,
          'idea.unmerge',
          { type: 'idea', id: params.id },
          unmergeIdea(deps.db, idOf(params.id!), actorOf(req)),
        ),
    }),
    route({
      method: 'get',
      path: '/ideas/:id/leaders',
      tag,
      roles: READ,
      summary: 'Opinion leaders associated with the idea, with their influence',
      handler: async ({ params }) => {
        await requireRow(deps.db, 'ideas', params.id!, 'idea');
        return { items: await listLeaders(deps.db, params.id!) };
      },
    }),
    route({
      method: 'post',
      path: '/ideas/:id/leaders',
      audit: {
        action: 'idea.leader_add',
        target: 'idea',
        details: ({ body }) => ({ authorId: body.authorId }),
      },
      tag,
      roles: ANALYST,
      body: leaderInputSchema,
      summary: 'Associate an opinion leader (an author) with the idea',
      handler: async ({ req, params, body }) => ({
        items: await addLeader(deps.db, idOf(params.id!), body, actorOf(req)),
      }),
    }),
    route({
      method: 'delete',
      path: '/ideas/:id/leaders/:authorId',
      audit: {
        action: 'idea.leader_remove',
        target: 'idea',
        details: ({ params }) => ({ authorId: params.authorId }),
      },
      tag,
      roles: ANALYST,
      summary: 'Remove an opinion leader from the idea',
      handler: async ({ params }) => {
        await removeLeader(deps.db, idOf(params.id!), idOf(params.authorId!, 'authorId'));
        return undefined;
      },
    }),
  ];
}
