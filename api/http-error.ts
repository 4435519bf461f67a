import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { refusalReason, storageFault } from '../core/db/storage-errors.js';
import { DomainError, type ErrorCode } from '../core/errors.js';
import type { Logger } from '../core/logger.js';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  invalid_signature: 401,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

/** Seconds a client is asked to wait when storage is unavailable: a restart or a failover. */
export const RETRY_AFTER_S = 30;

/** The one HTTP error type: a domain error already carries its code, message and details. */
export function httpError(code: ErrorCode, message: string) {
  return new DomainError(code, message);
}

/**
 * The one error handler: `{error:{code,message,details}}`. Domain and validation errors are
 * answered as they are. A storage error is answered by its cause, whatever the route: storage
 * down is 503 with Retry-After (the same request will succeed later), a value Postgres refuses
 * is 400 (it never will). Anything else is logged and answered with a generic 500 that leaks
 * nothing about the internals.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const fault = storageFault(err);
    if (fault === 'unavailable') {
      logger.warn({ err: (err as Error).message, path: req.path }, 'storage unavailable');
      err = new DomainError('unavailable', 'storage is unavailable; retry later');
    } else if (fault === 'refused') {
      const reason = refusalReason(err);
      err = new DomainError('bad_request', `a value cannot be stored: ${reason}`, [
        { field: '(request)', reason },
      ]);
    }
    if (err instanceof ZodError) {
      const details = err.issues.map((i) => ({
        field: i.path.join('.') || '(body)',
        reason: i.message,
      }));
      res.status(400).json({
        error: {
          code: 'validation_failed',
          message: details.map((d) => `${d.field}: ${d.reason}`).join('; '),
          details,
        },
      });
      return;
    }
    if (err instanceof DomainError) {
      if (err.code === 'unavailable' && !res.getHeader('Retry-After'))
        res.setHeader('Retry-After', String(RETRY_AFTER_S));
      res.status(STATUS[err.code]).json({
        error: { code: err.code, message: err.message, details: err.details },
      });
      return;
    }
    // body-parser's own errors: too large, bad JSON, wrong charset.
    const status = (err as { status?: number }).status;
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') {
      res.status(413).json({
        error: { code: 'payload_too_large', message: 'request body too large', details: [] },
      });
      return;
    }
    if (type === 'entity.parse.failed') {
      res.status(400).json({
        error: {
          code: 'bad_request',
          message: 'request body is not valid JSON',
          details: [{ field: '(body)', reason: 'invalid JSON' }],
        },
      });
      return;
    }
    if (status && status >= 400 && status < 500) {
      res
        .status(status)
        .json({ error: { code: 'bad_request', message: 'bad request', details: [] } });
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error', details: [] } });
  };
}
