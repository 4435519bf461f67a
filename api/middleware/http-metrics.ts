import type { Request, RequestHandler } from 'express';
import type { ApiMetrics } from '../../core/ops/metrics.js';

/**
 * Times every request and records it under its route template (`/api/v1/mentions/:id`), never
 * the raw path: ids in paths would make one series per id. Unmatched paths share one label.
 */
export function httpMetrics(metrics: ApiMetrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      end({ method: req.method, route: routeTemplate(req), status: String(res.statusCode) });
    });
    next();
  };
}

function routeTemplate(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  // After an error left the router, Express has reset baseUrl; the API router is the only one.
  const base = req.baseUrl || (req.originalUrl.startsWith('/api/v1/') ? '/api/v1' : '');
  if (typeof path === 'string') return `${base}${path}`;
  if (req.baseUrl === '/admin/queues' || req.originalUrl.startsWith('/admin/queues'))
    return '/admin/queues';
  if (req.originalUrl.startsWith('/api/')) return '(unmatched api)';
  return '(static)';
}
