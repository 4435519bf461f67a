import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { authenticate } from './auth.js';
import type { AppDeps } from './deps.js';
import { errorHandler } from './http-error.js';
import { buildOpenApi } from './openapi.js';
import { registerRoutes, type Route } from './route.js';
import { analysisRoutes } from './routes/analysis.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { influencerRoutes } from './routes/influencers.routes.js';
import { mentionRoutes } from './routes/mentions.routes.js';
import { sessionRoutes } from './routes/session.routes.js';
import { alertRoutes } from './routes/alerts.routes.js';
import { customerRoutes } from './routes/customers.routes.js';
import { ideaRoutes } from './routes/ideas.routes.js';
import { driverRoutes } from './routes/drivers.routes.js';
import { auditRoutes } from './routes/audit.routes.js';
import { privacyRoutes } from './routes/privacy.routes.js';
import { sourceRoutes } from './routes/sources.routes.js';
import { topicRoutes } from './routes/topics.routes.js';
import { conversationRoutes } from './routes/conversations.routes.js';
import { dialogueRoutes } from './routes/dialogue.routes.js';
import { teachRoutes } from './routes/teach.routes.js';
import { mountWebhook } from './routes/webhook.routes.js';
import { DomainError } from '../core/errors.js';
import { credentialGuard } from './middleware/credential-guard.js';
import { callerRateLimit } from './middleware/rate-limit.js';
import { installOps } from './ops/install-ops.js';

export function routeTable(deps: AppDeps): Route[] {
  return [
    ...healthRoutes(deps),
    ...sessionRoutes(deps),
    ...sourceRoutes(deps),
    ...topicRoutes(deps),
    ...mentionRoutes(deps),
    ...analysisRoutes(deps),
    ...teachRoutes(deps),
    ...influencerRoutes(deps),
    ...customerRoutes(deps),
    ...alertRoutes(deps),
    ...ideaRoutes(deps),
    ...conversationRoutes(deps),
    ...dialogueRoutes(deps),
    ...driverRoutes(deps),
    ...auditRoutes(deps),
    ...privacyRoutes(deps),
  ];
}

/** The HTTP app, built from its dependencies; tests drive it in-process. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.TRUST_PROXY);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  installOps(app, deps);

  const routes = routeTable(deps);
  const openapi = buildOpenApi(routes, '0.1.0');
  const api = express.Router();
  // The webhook reads its raw body to check the signature, so it is mounted before JSON parsing.
  mountWebhook(api, deps);
  api.use(express.json({ limit: '1mb' }));
  api.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  api.use(authenticate(deps.db, credentialGuard(deps.config)));
  api.use(callerRateLimit(deps.config));
  registerRoutes(api, routes, deps.db);
  api.use((req, _res, next) =>
    next(new DomainError('not_found', `no route ${req.method} ${req.baseUrl}${req.path}`)),
  );
  app.use('/api/v1', api);

  if (deps.dashboardsDir && existsSync(deps.dashboardsDir)) {
    const dir = deps.dashboardsDir;
    // Hashed asset names never change content: cached for a year. index.html always revalidates,
    // so an upgrade never leaves a browser with a shell that points at deleted assets.
    app.use(
      '/assets',
      express.static(path.join(dir, 'assets'), {
        immutable: true,
        maxAge: '365d',
        fallthrough: false,
      }),
    );
    app.use(
      express.static(dir, {
        index: 'index.html',
        setHeaders: (res, file) => {
          if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
        },
      }),
    );
    // Client-side routes fall back to the dashboards' shell.
    app.get(/^\/(?!api\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(dir, 'index.html'));
    });
  }
  app.use(errorHandler(deps.logger));
  return app;
}
