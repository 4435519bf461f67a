import { parse as parseCookie, serialize } from 'cookie';
import { z } from 'zod';
import { authenticateKey, createSession, deleteSession } from '../../core/auth/api-keys.js';
import { DomainError } from '../../core/errors.js';
import { SESSION_COOKIE } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { READ, route, type Route } from '../route.js';

const loginSchema = z.object({ apiKey: z.string().min(1).max(200) }).strict();

export function sessionRoutes(deps: AppDeps): Route[] {
  const ttlH = deps.config.SESSION_TTL_H;
  return [
    route({
      method: 'post',
      path: '/session',
      tag: 'session',
      summary: 'Dashboard login: exchanges an API key for an HttpOnly session cookie',
      roles: 'public',
      body: loginSchema,
      handler: async ({ req, res, body }) => {
        const principal = await authenticateKey(deps.db, body.apiKey);
        if (!principal) throw new DomainError('unauthorized', 'unknown or revoked API key');
        const token = await createSession(deps.db, principal.keyId, ttlH);
        res.setHeader(
          'Set-Cookie',
          serialize(SESSION_COOKIE, token, {
            httpOnly: true,
            sameSite: 'strict',
            secure: req.secure,
            path: '/',
            maxAge: ttlH * 3600,
          }),
        );
        return { name: principal.name, role: principal.role };
      },
    }),
    route({
      method: 'get',
      path: '/session',
      tag: 'session',
      summary: 'Who is logged in',
      roles: READ,
      handler: async ({ req }) => ({ name: req.principal!.name, role: req.principal!.role }),
    }),
    route({
      method: 'delete',
      path: '/session',
      tag: 'session',
      summary: 'Log out',
      roles: READ,
      handler: async ({ req, res }) => {
        const token = req.headers.cookie ? parseCookie(req.headers.cookie)[SESSION_COOKIE] : undefined;
        if (token) await deleteSession(deps.db, token);
        res.setHeader('Set-Cookie', serialize(SESSION_COOKIE, '', { path: '/', maxAge: 0 }));
        return undefined;
      },
    }),
  ];
}
