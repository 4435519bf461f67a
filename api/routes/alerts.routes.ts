import { sql } from 'kysely';
import { z } from 'zod';
import { createRuleSchema, updateRuleSchema } from '../../core/alerts/alert-rule.schema.js';
import {
  createRule,
  deleteRule,
  getRuleRow,
  listRules,
  toRuleDto,
  updateRule,
  type AlertRuleDeps,
} from '../../core/alerts/alert-rule.service.js';
import { testRule } from '../../core/alerts/test-alert.js';
import type { AppDeps } from '../deps.js';
import { ANALYST, READ, route, type Route } from '../route.js';
import { recorded } from '../../core/audit/audit.js';

const deliveryQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    ruleId: z.string().regex(/^\d+$/).optional(),
  })
  .strict();

export function alertRoutes(deps: AppDeps): Route[] {
  const rd: AlertRuleDeps = {
    db: deps.db,
    secrets: deps.secrets,
    allowHosts: deps.config.OUTBOUND_ALLOW_HOSTS,
  };
  return [
    route({
      method: 'get',
      path: '/alerts/rules',
      tag: 'alerts',
      roles: READ,
      summary: 'Alert rules (risk threshold, risk jump, key-account churn intent, topic spike)',
      handler: async () => ({ items: await listRules(deps.db) }),
    }),
    route({
      method: 'post',
      path: '/alerts/rules',
      audit: { action: 'alert_rule.create', target: 'alert_rule' },
      tag: 'alerts',
      roles: ANALYST,
      status: 201,
      summary: 'Create a rule; a webhook rule answers its HMAC signing secret once',
      body: createRuleSchema,
      // Field names only: a channel URL (a Slack webhook, say) is itself a secret.
      handler: async ({ req, body }) =>
        recorded(
          deps.db,
          req.principal,
          'alert_rule.create',
          (r) => ({ type: 'alert_rule', id: r.id }),
          createRule(rd, body),
          { fields: Object.keys(body) },
        ),
    }),
    route({
      method: 'get',
      path: '/alerts/rules/:id',
      tag: 'alerts',
      roles: READ,
      summary: 'One alert rule',
      handler: async ({ params }) => toRuleDto(await getRuleRow(deps.db, params.id!)),
    }),
    route({
      method: 'patch',
      path: '/alerts/rules/:id',
      audit: { action: 'alert_rule.update', target: 'alert_rule' },
      tag: 'alerts',
      roles: ANALYST,
      summary: 'Edit, enable or disable a rule',
      body: updateRuleSchema,
      handler: async ({ req, params, body }) =>
        recorded(
          deps.db,
          req.principal,
          'alert_rule.update',
          { type: 'alert_rule', id: params.id },
          updateRule(rd, params.id!, body),
          { fields: Object.keys(body) },
        ),
    }),
    route({
      method: 'delete',
      path: '/alerts/rules/:id',
      audit: { action: 'alert_rule.delete', target: 'alert_rule' },
      tag: 'alerts',
      roles: ANALYST,
      summary: 'Delete a rule with its events and delivery log',
      handler: async ({ req, params }) => {
        await recorded(
          deps.db,
          req.principal,
          'alert_rule.delete',
          { type: 'alert_rule', id: params.id },
          deleteRule(deps.db, params.id!),
        );
        return undefined;
      },
    }),
    route({
      method: 'post',
      path: '/alerts/rules/:id/test',
      audit: { action: 'alert_rule.test', target: 'alert_rule' },
      tag: 'alerts',
      roles: ANALYST,
      status: 202,
      summary: 'Send a test alert through the rule’s channel; follow it in the delivery log',
      body: z.object({}).strict(),
      handler: async ({ params }) => testRule({ db: deps.db, queues: deps.queues }, params.id!),
    }),
    route({
      method: 'get',
      path: '/alerts/deliveries',
      tag: 'alerts',
      roles: READ,
      summary: 'The delivery log, newest first: status, attempts, response, last error',
      query: deliveryQuery,
      handler: async ({ query }) => ({ items: await listDeliveries(deps, query) }),
    }),
  ];
}

async function listDeliveries(deps: AppDeps, q: z.output<typeof deliveryQuery>) {
  const r = await sql<{
    id: string;
    rule_id: string;
    rule_name: string;
    event_id: string;
    title: string;
    is_test: boolean;
    channel: string;
    target: string;
    status: string;
    attempts: number;
    response_status: number | null;
    last_error: string | null;
    created_at: Date;
    delivered_at: Date | null;
  }>`
    select d.id, d.rule_id, r.name as rule_name, d.event_id, e.title, e.is_test, d.channel, d.target,
      d.status, d.attempts, d.response_status, d.last_error, d.created_at, d.delivered_at
    from alert_deliveries d join alert_rules r on r.id = d.rule_id join alert_events e on e.id = d.event_id
    where ${q.ruleId ?? null}::bigint is null or d.rule_id = ${q.ruleId ?? null}::bigint
    order by d.id desc limit ${q.limit}
  `.execute(deps.db);
  return r.rows.map((d) => ({
    id: d.id,
    rule: { id: d.rule_id, name: d.rule_name },
    eventId: d.event_id,
    title: d.title,
    test: d.is_test,
    channel: d.channel,
    target: d.target,
    status: d.status,
    attempts: d.attempts,
    responseStatus: d.response_status,
    lastError: d.last_error,
    createdAt: d.created_at.toISOString(),
    deliveredAt: d.delivered_at?.toISOString() ?? null,
  }));
}
