import { parse as parseCookie } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  authenticateKey,
  resolveSession,
  type Principal,
  type Role,
} from '../core/auth/api-keys.js';
import type { Db } from '../core/db/database.js';
import { DomainError } from '../core/errors.js';
import { storableText } from '../core/text/storable-text.js';
import type { CredentialGuard } from './middleware/credential-guard.js';

export const SESSION_COOKIE = 'ecoute_session';
/** Cookie-authenticated writes must carry this header: a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'ecoute';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller from a Bearer API key or a dashboard session cookie, if any. A refused key
 * is counted by the guard (per address and key prefix) only once it has been checked, so a valid
 * key always gets through.
 */
export function authenticate(db: Db, guard: CredentialGuard): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    if (header) {
      const [scheme, key] = header.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !key) {
        return next(
          await guard.refused(req, res, 'Authorization must be "Bearer <api key>"', undefined),
        );
      }
      const principal = await authenticateKey(db, key);
      if (!principal) return next(await guard.refused(req, res, 'unknown or revoked API key', key));
      req.principal = principal;
      return next();
    }
    const cookie = req.headers.cookie ? parseCookie(req.headers.cookie)[SESSION_COOKIE] : undefined;
    // A cookie is percent-decoded: %00 would reach Postgres as a NUL.
    const token = cookie === undefined ? undefined : storableText(cookie);
    if (!token) return next();
    const principal = await resolveSession(db, token);
    if (!principal) return next();
    if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== CSRF_VALUE) {
      return next(
        new DomainError('forbidden', `cookie-authenticated writes need the ${CSRF_HEADER} header`),
      );
    }
    req.principal = principal;
    next();
  };
}

/** Lets the request through only for the listed roles; 401 without credentials. */
export function requireRole(roles: readonly Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.principal)
      return next(new DomainError('unauthorized', 'an API key or a session is required'));
    if (!roles.includes(req.principal.role)) {
      return next(new DomainError('forbidden', `this needs one of the roles: ${roles.join(', ')}`));
    }
    next();
  };
}
