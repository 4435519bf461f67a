import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import { DomainError, invalid, notFound } from '../errors.js';
import { checkSourceUrl } from '../sources/source-config.js';
import type { SecretBox } from '../security/secret-box.js';
import type { AlertRulesTable } from '../customers/customer.tables.js';
import {
  parseRecipients,
  ruleParamsSchemas,
  type CreateRule,
  type RuleKind,
  type UpdateRule,
} from './alert-rule.schema.js';

export interface AlertRuleDeps {
  db: Db;
  secrets: SecretBox;
  allowHosts: readonly string[];
}

export interface AlertRuleDto {
  id: string;
  name: string;
  kind: RuleKind;
  params: Record<string, unknown>;
  channel: 'webhook' | 'email';
  target: string;
  format: 'json' | 'slack';
  enabled: boolean;
  cooldownS: number;
  createdAt: string;
  updatedAt: string;
}

export type AlertRuleRow = Selectable<AlertRulesTable>;

export function toRuleDto(r: AlertRuleRow): AlertRuleDto {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as RuleKind,
    params: r.params,
    channel: r.channel,
    target: r.target,
    format: r.format,
    enabled: r.enabled,
    cooldownS: r.cooldown_s,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/**
 * A webhook target gets the checks of a source URL: syntax, scheme, IP literals and, when the
 * name resolves, every address it resolves to (`localhost` and names pointing inside are refused
 * here, not only at delivery, where each request is checked again).
 */
async function checkTarget(
  channel: 'webhook' | 'email',
  target: string,
  allowHosts: readonly string[],
) {
  if (channel === 'email') {
    const { bad } = parseRecipients(target);
    if (bad) throw invalid('target', `"${bad}" is not an e-mail address`);
    return;
  }
  await checkSourceUrl('target', target, allowHosts);
}

/** Creates a rule; a webhook rule answers its signing secret this once (it is stored sealed). */
export async function createRule(deps: AlertRuleDeps, input: CreateRule) {
  await checkTarget(input.channel, input.target, deps.allowHosts);
  const secret = input.channel === 'webhook' ? randomBytes(32).toString('hex') : null;
  const row = await deps.db
    .insertInto('alert_rules')
    .values({
      name: input.name,
      kind: input.kind,
      params: JSON.stringify(input.params),
      channel: input.channel,
      target: input.target,
      format: input.format,
      enabled: input.enabled,
      cooldown_s: input.cooldownS,
      secret_sealed: secret ? deps.secrets.seal(secret) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...toRuleDto(row), ...(secret ? { secret } : {}) };
}

export async function getRuleRow(db: Db, id: string): Promise<AlertRuleRow> {
  if (!/^\d+$/.test(id)) throw notFound('alert rule', id);
  const row = await db
    .selectFrom('alert_rules')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('alert rule', id);
  return row;
}

export async function listRules(db: Db): Promise<AlertRuleDto[]> {
  const rows = await db.selectFrom('alert_rules').selectAll().orderBy('id').execute();
  return rows.map(toRuleDto);
}

export async function updateRule(deps: AlertRuleDeps, id: string, patch: UpdateRule) {
  const row = await getRuleRow(deps.db, id);
  if (patch.target) await checkTarget(row.channel, patch.target, deps.allowHosts);
  let params: Record<string, unknown> | undefined;
  if (patch.params) {
    const parsed = ruleParamsSchemas[row.kind as RuleKind].safeParse({
      ...row.params,
      ...patch.params,
    });
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      throw new DomainError('validation_failed', `params.${i.path.join('.')}: ${i.message}`, [
        { field: `params.${i.path.join('.')}`, reason: i.message },
      ]);
    }
    params = parsed.data as Record<string, unknown>;
  }
  const updated = await deps.db
    .updateTable('alert_rules')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.target !== undefined ? { target: patch.target } : {}),
      ...(patch.format !== undefined ? { format: patch.format } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(patch.cooldownS !== undefined ? { cooldown_s: patch.cooldownS } : {}),
      ...(params ? { params: JSON.stringify(params) } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRuleDto(updated);
}

export async function deleteRule(db: Db, id: string): Promise<void> {
  await getRuleRow(db, id);
  await db.deleteFrom('alert_rules').where('id', '=', id).execute();
}

/** Enabled rules of some kinds, for the evaluators. */
export async function enabledRules(db: Db, kinds: RuleKind[]): Promise<AlertRuleRow[]> {
  return db
    .selectFrom('alert_rules')
    .selectAll()
    .where('enabled', '=', true)
    .where('kind', 'in', kinds)
    .execute();
}
