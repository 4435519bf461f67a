import { conversationRiskFactors } from '../../core/dialogue/conversation-risk.js';
import { reportQuerySchema, responseReport } from '../../core/dialogue/dialogue-reports.query.js';
import {
  agentPatchSchema,
  agentSchema,
  brandAccountsSchema,
  createAgent,
  credentialsSchema,
  listAgents,
  listBrandAccounts,
  setBrandAccounts,
  setSourceCredentials,
  updateAgent,
} from '../../core/dialogue/dialogue-admin.js';
import {
  loadSettings,
  settingsPatchSchema,
  updateSettings,
} from '../../core/dialogue/dialogue-settings.js';
import { z } from 'zod';
import { createOutboundHttp } from '../../core/http/outbound.js';
import type { AppDeps } from '../deps.js';
import { ADMIN, READ, route, type Route } from '../route.js';

export function dialogueRoutes(deps: AppDeps): Route[] {
  const db = deps.db;
  // Storing Reddit or Bluesky credentials asks the platform for a first token: the same
  // outbound safety as polls (SSRF checks on every hop, timeouts, size cap).
  const credentials = {
    db,
    secrets: deps.secrets,
    timeoutMs: deps.config.REPLY_TIMEOUT_MS,
    http: createOutboundHttp({
      timeoutMs: deps.config.HTTP_TIMEOUT_MS,
      maxBytes: deps.config.HTTP_MAX_BYTES,
      allowHosts: deps.config.OUTBOUND_ALLOW_HOSTS,
    }),
  };
  return [
    route({
      method: 'get',
      path: '/dialogue/agents',
      tag: 'dialogue',
      roles: READ,
      summary: 'Agents with their capacity and availability',
      handler: async () => ({ items: await listAgents(db) }),
    }),
    route({
      method: 'post',
      path: '/dialogue/agents',
      audit: { action: 'agent.create', target: 'agent' },
      tag: 'dialogue',
      roles: ADMIN,
      status: 201,
      summary: 'Add an agent (optionally linked to the API key they sign in with)',
      body: agentSchema,
      handler: async ({ body }) => createAgent(db, body),
    }),
    route({
      method: 'patch',
      path: '/dialogue/agents/:id',
      audit: { action: 'agent.update', target: 'agent' },
      tag: 'dialogue',
      roles: ADMIN,
      summary: 'Change an agent’s capacity, availability, team or key',
      body: agentPatchSchema,
      handler: async ({ params, body }) => updateAgent(db, params.id ?? '', body),
    }),
    route({
      method: 'get',
      path: '/dialogue/brand-accounts',
      tag: 'dialogue',
      roles: READ,
      summary: 'The brand’s own accounts per platform',
      handler: async () => ({ items: await listBrandAccounts(db) }),
    }),
    route({
      method: 'put',
      path: '/dialogue/brand-accounts',
      audit: { action: 'brand_accounts.set', target: 'brand_accounts' },
      tag: 'dialogue',
      roles: ADMIN,
      summary: 'Replace the brand’s own accounts (questions to them open conversations)',
      body: brandAccountsSchema,
      handler: async ({ body }) => ({ items: await setBrandAccounts(db, body.accounts) }),
    }),
    route({
      method: 'get',
      path: '/dialogue/settings',
      tag: 'dialogue',
      roles: READ,
      summary: 'Business calendar, response targets per priority, assignment mode',
      handler: async () => loadSettings(db),
    }),
    route({
      method: 'patch',
      path: '/dialogue/settings',
      audit: { action: 'dialogue_settings.update', target: 'dialogue_settings' },
      tag: 'dialogue',
      roles: ADMIN,
      summary: 'Change the business calendar, targets or assignment mode',
      body: settingsPatchSchema,
      handler: async ({ body }) => updateSettings(db, body),
    }),
    route({
      method: 'put',
      path: '/dialogue/sources/:id/credentials',
      audit: { action: 'source.credentials', target: 'source' },
      tag: 'dialogue',
      roles: ADMIN,
      summary:
        'Store a source’s platform credentials to post replies with: a token, Reddit OAuth (client id, secret, refresh token) or a Bluesky app password; sealed, never returned',
      body: credentialsSchema,
      handler: async ({ params, body }) => setSourceCredentials(credentials, params.id ?? '', body),
    }),
    route({
      method: 'get',
      path: '/dialogue/reports',
      tag: 'dialogue',
      roles: READ,
      summary:
        'Median and p90 first-response and resolution times, breaches and volume per agent, team, platform or week',
      query: reportQuerySchema,
      handler: async ({ query }) => responseReport(db, query),
    }),
    route({
      method: 'get',
      path: '/dialogue/customer-figures',
      tag: 'dialogue',
      roles: READ,
      summary:
        'Unanswered and breached conversations per customer (the churn score’s conversation factor)',
      query: z.object({ ids: z.string().regex(/^\d+(,\d+)*$/) }).strict(),
      handler: async ({ query }) =>
        Object.fromEntries(await conversationRiskFactors(db, query.ids.split(','))),
    }),
  ];
}
