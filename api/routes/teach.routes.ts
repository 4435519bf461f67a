import { modelsDir } from '../../core/config/config.js';
import { teachFigures } from '../../core/corrections/teach-figures.service.js';
import { teachQueue, teachQueueQuerySchema } from '../../core/corrections/teach-queue.service.js';
import type { AppDeps } from '../deps.js';
import { ANALYST, route, type Route } from '../route.js';

/**
 * The "teach Écoute" queue: the mentions the models are least sure of, for analysts to label
 * (labels go through POST /mentions/:id/labels), and the figures that move as they do.
 */
export function teachRoutes(deps: AppDeps): Route[] {
  const dir = modelsDir(deps.config);
  return [
    route({
      method: 'get',
      path: '/teach/queue',
      tag: 'analysis',
      summary:
        'Recent unlabelled mentions the current models are least sure of, most uncertain first',
      roles: ANALYST,
      query: teachQueueQuerySchema,
      handler: async ({ query }) => teachQueue(deps.db, dir, query),
    }),
    route({
      method: 'get',
      path: '/teach/figures',
      tag: 'analysis',
      summary: 'Labels given, and the cross-validated figures of each model in force',
      roles: ANALYST,
      handler: async () => teachFigures(deps.db, dir),
    }),
  ];
}
