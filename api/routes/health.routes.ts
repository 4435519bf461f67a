import { pingDb } from '../../core/db/database.js';
import { jobHealth } from '../../core/ops/job-health.js';
import type { AppDeps } from '../deps.js';
import { ADMIN, route, type Route } from '../route.js';

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
    route({
      method: 'get',
      path: '/ops/health',
      tag: 'operations',
      summary:
        'Background jobs: per queue waiting, active, delayed and failed jobs with the newest failures and their reasons; analysed batches still owing follow-ups',
      roles: ADMIN,
      // Follow-ups older than two sweeps past the grace period were not finished by the sweeper.
      handler: async () =>
        jobHealth(deps, deps.config.SWEEP_GRACE_S + 2 * deps.config.SWEEP_INTERVAL_S),
    }),
  ];
}
