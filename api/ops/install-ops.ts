import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express, RequestHandler } from 'express';
import { audit } from '../../core/audit/audit.js';
import { mayScrapeMetrics } from '../../core/ops/metrics-auth.js';
import { createApiMetrics } from '../../core/ops/metrics.js';
import { registerScrapeCollectors } from '../../core/ops/scrape-collectors.js';
import { QUEUES } from '../../core/queue/jobs.js';
import { authenticate, CSRF_HEADER, CSRF_VALUE, requireRole } from '../auth.js';
import { credentialGuard } from '../middleware/credential-guard.js';
import type { AppDeps } from '../deps.js';
import { httpMetrics } from '../middleware/http-metrics.js';
import { ADMIN } from '../route.js';

export const QUEUE_UI_PATH = '/admin/queues';

/**
 * The queue UI ships an inline <style> and style attributes in its loading screen, and its
 * components set inline styles: styles only are relaxed on this path. Scripts stay 'self' (the UI
 * is bundled files), so an injected script still cannot run; its web font is not loaded.
 */
const QUEUE_UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Operations endpoints beside the API: request timing for every route, `/metrics` for
 * Prometheus (METRICS_TOKEN or an admin key), and the BullMQ queue UI for admins.
 */
export function installOps(app: Express, deps: AppDeps): void {
  const metrics = createApiMetrics({ processMetrics: deps.config.NODE_ENV !== 'test' });
  registerScrapeCollectors(metrics.registry, deps);
  app.use(httpMetrics(metrics));

  app.get('/metrics', async (req, res, next) => {
    try {
      if (
        !(await mayScrapeMetrics(deps.db, req.headers.authorization, deps.config.METRICS_TOKEN))
      ) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        res.status(401).json({
          error: {
            code: 'unauthorized',
            message: 'metrics need METRICS_TOKEN or an admin API key',
            details: [],
          },
        });
        return;
      }
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    } catch (err) {
      next(err);
    }
  });

  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_UI_PATH);
  createBullBoard({
    queues: QUEUES.map((q) => new BullMQAdapter(deps.queues.byName[q])),
    serverAdapter: board,
  });
  app.use(
    QUEUE_UI_PATH,
    sameOriginWrites,
    authenticate(deps.db, credentialGuard(deps.config)),
    requireRole(ADMIN),
    recordWrites(deps),
    (_req, res, next) => {
      res.setHeader('Content-Security-Policy', QUEUE_UI_CSP);
      next();
    },
    board.getRouter() as RequestHandler,
  );
}

/**
 * The queue UI's own requests (retry, clean, promote) do not send Écoute's CSRF header. A browser
 * always sends Origin on such writes: one from this very origin stands for the header; anything
 * else is refused by `authenticate` as usual. (The session cookie is SameSite=Strict as well.)
 */
const sameOriginWrites: RequestHandler = (req, _res, next) => {
  const origin = req.headers.origin;
  if (origin && origin === `${req.protocol}://${req.get('host')}`)
    req.headers[CSRF_HEADER] = CSRF_VALUE;
  next();
};

/**
 * The queue UI is outside the route table, but its writes (retry, promote, clean, pause a queue)
 * are changes like any other: each one that succeeds is in the audit log, with its path.
 */
function recordWrites(deps: AppDeps): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    res.on('finish', () => {
      if (res.statusCode >= 400) return;
      void audit(
        deps.db,
        req.principal,
        'queue_ui.action',
        { type: 'queue', id: req.path },
        { method: req.method },
      ).catch((err: unknown) =>
        deps.logger.error({ err: (err as Error).message }, 'queue UI action not recorded'),
      );
    });
    next();
  };
}
