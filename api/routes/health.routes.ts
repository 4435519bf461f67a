import { pingDb } from '../../core/db/database.js';
import type { AppDeps } from '../deps.js';
import { route, type Route } from '../route.js';

export function healthRoutes(deps: AppDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/health',
      tag: 'operations',
      summary: 'Liveness: the process answers',
      roles: 'public',
      handler: async () => ({ status: 'ok' }),
    }),
    route({
      method: 'get',
      path: '/ready',
      tag: 'operations',
      summary: 'Readiness: Postgres and Redis answer; 503 names the one that does not',
      roles: 'public',
      handler: async ({ res }) => {
        const [postgres, redis] = await Promise.all([pingDb(deps.db), deps.queues.ping()]);
        const body = {
          status: postgres && redis ? 'ready' : 'unavailable',
          checks: { postgres: postgres ? 'up' : 'down', redis: redis ? 'up' : 'down' },
        };
        res.status(postgres && redis ? 200 : 503).json(body);
        return undefined;
      },
    }),
  ];
}
