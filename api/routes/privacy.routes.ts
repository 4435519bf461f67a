import { z } from 'zod';
import { audit } from '../../core/audit/audit.js';
import { erasePerson } from '../../core/privacy/erase.js';
import { exportPerson } from '../../core/privacy/export.js';
import { personSchema, subjectDigest } from '../../core/privacy/person.js';
import { listRetention, scheduleRetention, setRetention } from '../../core/privacy/retention.js';
import type { AppDeps } from '../deps.js';
import { ADMIN, READ, route, type Route } from '../route.js';

const retentionSchema = z
  .object({
    /** Days raw mentions are kept (by publication date); null keeps them. */
    days: z.number().int().min(1).max(3650).nullable(),
  })
  .strict();

export function privacyRoutes(deps: AppDeps): Route[] {
  return [
    route({
      method: 'post',
      path: '/privacy/erasure',
      audit: { action: 'privacy.erase', target: 'person' },
      tag: 'privacy',
      summary:
        'Erase a person (platform and handle, or author id) everywhere Écoute keeps anything about them; aggregates that no longer identify them stay',
      roles: ADMIN,
      body: personSchema,
      handler: async ({ req, body }) => {
        const report = await erasePerson(deps.db, body);
        // The handle itself is not recorded: the log would otherwise keep what was erased.
        await audit(
          deps.db,
          req.principal,
          'privacy.erase',
          { type: 'person' },
          { subject: subjectDigest(body), ...report },
        );
        return report;
      },
    }),
    route({
      method: 'get',
      path: '/privacy/export',
      tag: 'privacy',
      summary:
        'Everything Écoute holds about a person (platform and handle, or author id), as JSON',
      roles: ADMIN,
      query: personSchema,
      handler: async ({ req, res, query }) => {
        const data = await exportPerson(deps.db, query);
        const rows = Object.values(data.tables).reduce((n, t) => n + t.length, data.authors.length);
        await audit(
          deps.db,
          req.principal,
          'privacy.export',
          { type: 'person' },
          { subject: subjectDigest(query), rows },
        );
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('Content-Disposition', 'attachment; filename="ecoute-person.json"');
        return data;
      },
    }),
    route({
      method: 'get',
      path: '/privacy/retention',
      tag: 'privacy',
      summary: 'How long each source keeps raw mentions (null: no limit)',
      roles: READ,
      handler: async () => ({ items: await listRetention(deps.db) }),
    }),
    route({
      method: 'put',
      path: '/privacy/retention/:sourceId',
      audit: { action: 'source.retention', target: 'source' },
      tag: 'privacy',
      summary:
        'Set or clear the retention window of a source; the daily purge deletes older mentions, keeping daily counts',
      roles: ADMIN,
      body: retentionSchema,
      handler: async ({ req, params, body }) => {
        const result = await setRetention(deps.db, params.sourceId!, body.days);
        if (body.days !== null) await scheduleRetention(deps.queues);
        await audit(
          deps.db,
          req.principal,
          'source.retention',
          { type: 'source', id: params.sourceId },
          body,
        );
        return result;
      },
    }),
  ];
}
