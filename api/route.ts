import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { audit, inAuditScope } from '../core/audit/audit.js';
import type { Role } from '../core/auth/api-keys.js';
import type { Executor } from '../core/db/database.js';
import { storable } from '../core/text/storable-text.js';
import { requireRole } from './auth.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Ctx<Q, B> {
  req: Request;
  res: Response;
  query: Q;
  body: B;
  params: Record<string, string>;
}

/**
 * How a route's change reaches the audit log. A recorded route names its action and the type of
 * its target; the target id is the path's first parameter, or the `id` of what a creation
 * answers. Details default to the names of the body's fields, never their values (a token, a
 * webhook URL or a signing secret is itself a secret); `details` picks values known to be safe.
 * A route that changes nothing (a login, a check, a dry run) says why instead.
 */
export type RouteAudit<Q = unknown, B = unknown> =
  | {
      action: string;
      target: string;
      details?: (ctx: Ctx<Q, B>, result: unknown) => Record<string, unknown>;
    }
  | { unrecorded: string };

/**
 * One entry of the route table. The table drives registration, validation, role checks and the
 * OpenAPI document, so what a route accepts and who may call it is written in one place.
 */
export interface Route<Q = unknown, B = unknown> {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  /** Roles allowed; 'public' for the few routes that need no credentials. */
  roles: readonly Role[] | 'public';
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /**
   * Required on every route that is not a GET (registration refuses one without): the table
   * records the change after the handler succeeded, unless the handler recorded it itself (with
   * `recorded()`, for details only it knows, or inside its transaction).
   */
  audit?: RouteAudit<Q, B>;
  /** Status on success; 200 unless said. */
  status?: number;
  /** The answer to send as JSON, or undefined when the handler wrote the response itself. */
  handler(ctx: Ctx<Q, B>): Promise<unknown>;
}

export function route<Q = undefined, B = undefined>(r: Route<Q, B>): Route {
  return r as unknown as Route;
}

/**
 * Who may call a route. Reads are for every role; where Écoute listens (sources, credentials)
 * and how it is set up are the admin's; the analyst works listening (topics and their queries),
 * churn, ideas and exports; the agent works the inbox. Admin is in every set.
 */
export const READ: readonly Role[] = ['admin', 'analyst', 'agent', 'viewer'];
export const ANALYST: readonly Role[] = ['admin', 'analyst'];
export const AGENT: readonly Role[] = ['admin', 'agent'];
/** Writes that both analysts and agents make (e.g. a vote on an idea heard from a customer). */
export const STAFF: readonly Role[] = ['admin', 'analyst', 'agent'];
export const ADMIN: readonly Role[] = ['admin'];

/**
 * Registers the table on `router`. With `db`, every successful change is in the audit log: a
 * non-GET route without an `audit` declaration is refused here, before the API starts.
 */
export function registerRoutes(router: Router, routes: Route[], db?: Executor): void {
  for (const r of routes) {
    if (r.method !== 'get' && !r.audit && db) {
      throw new Error(`${r.method.toUpperCase()} ${r.path} declares no audit record`);
    }
    const guards = r.roles === 'public' ? [] : [requireRole(r.roles)];
    router[r.method](r.path, ...guards, async (req: Request, res: Response) => {
      // External text enters here: NUL and unpaired surrogates, which Postgres refuses, are
      // cleaned from every parameter and body field before validation (storable-text.ts).
      const query = r.query ? r.query.parse(storable(req.query).value) : undefined;
      const body = r.body ? r.body.parse(storable(req.body ?? {}).value) : undefined;
      const params = storable(req.params as Record<string, string>).value;
      const ctx = { req, res, query, body, params };
      const spec = r.audit && 'action' in r.audit ? r.audit : undefined;
      const { result, entries } = await inAuditScope(() => r.handler(ctx));
      if (spec && db && entries === 0) {
        await audit(db, req.principal, spec.action, auditTarget(spec.target, ctx, result), {
          ...(spec.details ? spec.details(ctx, result) : fieldNames(body)),
        });
      }
      if (result === undefined) {
        if (!res.headersSent) res.status(r.status ?? 204).end();
        return;
      }
      res.status(r.status ?? 200).json(result);
    });
  }
}

function auditTarget(type: string, ctx: { params: Record<string, string> }, result: unknown) {
  const fromPath = Object.values(ctx.params)[0];
  const fromResult =
    result && typeof result === 'object' && 'id' in result ? (result as { id: unknown }).id : null;
  const id = fromPath ?? fromResult;
  return { type, id: typeof id === 'string' || typeof id === 'number' ? id : null };
}

function fieldNames(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body)
    ? { fields: Object.keys(body) }
    : {};
}
