import { notFound } from '../../core/errors.js';
import { addRollup, dailyRollup } from '../../core/privacy/retention.js';
import { dailyStats, statsQuerySchema, summaryStats } from '../../core/mentions/mention-stats.js';
import { getMention, listMentions, mentionListSchema } from '../../core/mentions/mention.query.js';
import type { AppDeps } from '../deps.js';
import { READ, route, type Route } from '../route.js';

export function mentionRoutes(deps: AppDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/mentions',
      tag: 'mentions',
      summary:
        'Mentions, newest first, filtered by topic, source, language, sentiment, time range and ' +
        'full-text query; keyset paging with `cursor`',
      roles: READ,
      query: mentionListSchema,
      handler: async ({ query }) => listMentions(deps.db, query),
    }),
    route({
      method: 'get',
      path: '/mentions/:id',
      tag: 'mentions',
      summary: 'One mention with its analysis, evidence and matched topics',
      roles: READ,
      handler: async ({ params }) => {
        const m = await getMention(deps.db, params.id!);
        if (!m) throw notFound('mention', params.id!);
        return m;
      },
    }),
    route({
      method: 'get',
      path: '/stats/daily',
      tag: 'stats',
      summary: 'Volume, sentiment, dissatisfaction and ideas per day (UTC), every day present',
      roles: READ,
      query: statsQuerySchema,
      handler: async ({ query }) => ({
        // Days whose mentions a retention window purged keep their counts in the roll-up.
        days: addRollup(
          await dailyStats(deps.db, query),
          await dailyRollup(deps.db, query.days, query.topic),
        ),
      }),
    }),
    route({
      method: 'get',
      path: '/stats/summary',
      tag: 'stats',
      summary: 'Totals for the window: mentions, dissatisfied, ideas, signals, languages, sources',
      roles: READ,
      query: statsQuerySchema,
      handler: async ({ query }) => summaryStats(deps.db, query),
    }),
  ];
}
