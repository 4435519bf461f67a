import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../auth/api-keys.js';
import type { Executor } from '../db/database.js';

/** What an action was done to: a type ("source", "idea", "export"…) and its id when it has one. */
export interface AuditTarget {
  type: string;
  id?: string | number | null;
}

/** Who acted, as the audit log records it; `system` for jobs and the CLI. */
export type AuditActor = Principal | 'system';

/** Entries written while one request is handled (see `inAuditScope`). */
interface AuditScope {
  entries: number;
}
const scopes = new AsyncLocalStorage<AuditScope>();

/**
 * Runs `fn` and counts the audit entries it writes, so the route table can tell whether a
 * handler recorded its change itself or the table's own record is still owed.
 */
export async function inAuditScope<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; entries: number }> {
  const scope: AuditScope = { entries: 0 };
  const result = await scopes.run(scope, fn);
  return { result, entries: scope.entries };
}

/**
 * Records one action in the audit log. Called from route handlers after the action succeeded,
 * with the request's filters and, for exports, the row count in `details`. Takes a transaction
 * when the caller wants the record to commit or roll back with the action.
 */
export async function audit(
  db: Executor,
  actor: AuditActor | undefined,
  action: string,
  target: AuditTarget,
  details: Record<string, unknown> = {},
): Promise<void> {
  const who = actor === undefined || actor === 'system' ? null : actor;
  await db
    .insertInto('audit_log')
    .values({
      actor_key_id: who?.keyId ?? null,
      actor_user_id: who?.userId ?? null,
      actor_name: who?.name ?? 'system',
      actor_role: who?.role ?? 'system',
      action,
      target_type: target.type,
      target_id: target.id === undefined || target.id === null ? null : String(target.id),
      details: JSON.stringify(details),
    })
    .execute();
  const scope = scopes.getStore();
  if (scope) scope.entries += 1;
}

type Of<T, V> = V | ((result: T) => V);
const resolve = <T, V>(v: Of<T, V>, r: T): V =>
  typeof v === 'function' ? (v as (result: T) => V)(r) : v;

/**
 * Awaits an action and records it once it succeeded, returning its result: the one-line form
 * route handlers use (`recorded(db, req.principal, 'topic.create', (t) => ({type: 'topic', id:
 * t.id}), createTopic(…))`). A failed action throws before anything is recorded.
 */
export async function recorded<T>(
  db: Executor,
  actor: AuditActor | undefined,
  action: string,
  target: Of<T, AuditTarget>,
  result: Promise<T>,
  details: Of<T, Record<string, unknown>> = {},
): Promise<T> {
  const r = await result;
  await audit(db, actor, action, resolve(target, r), resolve(details, r));
  return r;
}
