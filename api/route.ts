import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { Role } from '../core/auth/api-keys.js';
import { requireRole } from './auth.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Ctx<Q, B> {
  req: Request;
  res: Response;
  query: Q;
  body: B;
  params: Record<string, string>;
}

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
  /** Status on success; 200 unless said. */
  status?: number;
  /** The answer to send as JSON, or undefined when the handler wrote the response itself. */
  handler(ctx: Ctx<Q, B>): Promise<unknown>;
}

export function route<Q = undefined, B = undefined>(r: Route<Q, B>): Route {
  return r as unknown as Route;
}

/**
 * Who may call a route. Reads are for every role; changes to what Écoute listens to and how it
 * is set up are the admin's; the analyst works listening, churn, ideas and exports; the agent
 * works the inbox. Admin is in every set.
 */
export const READ: readonly Role[] = ['admin', 'analyst', 'agent', 'viewer'];
export const ANALYST: readonly Role[] = ['admin', 'analyst'];
export const AGENT: readonly Role[] = ['admin', 'agent'];
/** Writes that both analysts and agents make (e.g. a vote on an idea heard from a customer). */
export const STAFF: readonly Role[] = ['admin', 'analyst', 'agent'];
export const ADMIN: readonly Role[] = ['admin'];

export function registerRoutes(router: Router, routes: Route[]): void {
  for (const r of routes) {
    const guards = r.roles === 'public' ? [] : [requireRole(r.roles)];
    router[r.method](r.path, ...guards, async (req: Request, res: Response) => {
      const query = r.query ? r.query.parse(req.query) : undefined;
      const body = r.body ? r.body.parse(req.body ?? {}) : undefined;
      const result = await r.handler({
        req,
        res,
        query,
        body,
        params: req.params as Record<string, string>,
      });
      if (result === undefined) {
        if (!res.headersSent) res.status(r.status ?? 204).end();
        return;
      }
      res.status(r.status ?? 200).json(result);
    });
  }
}
