import { parse as parseCookie, serialize } from 'cookie';
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  authenticateKey,
  createSession,
  deleteSession,
  type Principal,
} from '../../core/auth/api-keys.js';
import {
  clearLoginFailures,
  loginRetryAfter,
  recordLoginFailure,
} from '../../core/auth/login-throttle.js';
import { authenticatePassword } from '../../core/auth/users.js';
import { DomainError } from '../../core/errors.js';
import { SESSION_COOKIE } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { credentialGuard } from '../middleware/credential-guard.js';
import { READ, route, type Route } from '../route.js';

/** Either an API key, or a person's e-mail and password. */
const loginSchema = z.union([
  z.object({ apiKey: z.string().min(1).max(200) }).strict(),
  z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(200) }).strict(),
]);
type Login = z.infer<typeof loginSchema>;

export function sessionRoutes(deps: AppDeps): Route[] {
  const ttlH = deps.config.SESSION_TTL_H;
  const guard = credentialGuard(deps.config);

  /**
   * Checks the password, throttled per e-mail and address and per e-mail across unknown
   * addresses (login-throttle.ts): 429 with Retry-After when locked. A refusal also counts
   * against the address, as a refused key does.
   */
  const passwordLogin = async (req: Request, res: Response, email: string, password: string) => {
    const ip = req.ip ?? 'unknown';
    const wait = await loginRetryAfter(deps.db, email, ip);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new DomainError('rate_limited', 'too many failed logins for this e-mail; retry later');
    }
    const principal = await authenticatePassword(deps.db, email, password);
    if (!principal) {
      await recordLoginFailure(deps.db, email, ip);
      throw await guard.refused(req, res, 'unknown e-mail or wrong password');
    }
    await clearLoginFailures(deps.db, email, ip);
    return principal;
  };

  const login = async (req: Request, res: Response, body: Login): Promise<Principal> => {
    if ('apiKey' in body) {
      const principal = await authenticateKey(deps.db, body.apiKey);
      if (!principal)
        throw await guard.refused(req, res, 'unknown or revoked API key', body.apiKey);
      return principal;
    }
    return passwordLogin(req, res, body.email, body.password);
  };

  return [
    route({
      method: 'post',
      path: '/session',
      audit: { unrecorded: 'a login opens a session (sessions table) and changes no data' },
      tag: 'session',
      summary:
        'Dashboard login: exchanges an API key, or an e-mail and password, for an HttpOnly session cookie',
      roles: 'public',
      body: loginSchema,
      handler: async ({ req, res, body }) => {
        const principal = await login(req, res, body);
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
      audit: { unrecorded: 'a logout ends the caller’s own session and changes no data' },
      tag: 'session',
      summary: 'Log out',
      roles: READ,
      handler: async ({ req, res }) => {
        const token = req.headers.cookie
          ? parseCookie(req.headers.cookie)[SESSION_COOKIE]
          : undefined;
        if (token) await deleteSession(deps.db, token);
        res.setHeader('Set-Cookie', serialize(SESSION_COOKIE, '', { path: '/', maxAge: 0 }));
        return undefined;
      },
    }),
  ];
}
