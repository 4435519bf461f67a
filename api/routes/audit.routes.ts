import { z } from 'zod';
import { audit } from '../../core/audit/audit.js';
import { writeAuditCsv } from '../../core/audit/audit-export.js';
import { announceRowCap, capBatches, sendTruncated } from '../../core/audit/export-cap.js';
import { auditBatches, auditQuerySchema, listAudit } from '../../core/audit/audit.query.js';
import type { AppDeps } from '../deps.js';
import { ADMIN, route, type Route } from '../route.js';

const exportQuerySchema = auditQuerySchema
  .omit({ limit: true, cursor: true })
  .extend({ format: z.enum(['csv']).default('csv') })
  .strict();

export function auditRoutes(deps: AppDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/audit',
      tag: 'audit',
      summary:
        'Who did what and when, newest first; filters by action, target, actor and time; keyset paging with `cursor`',
      roles: ADMIN,
      query: auditQuerySchema,
      handler: async ({ query }) => listAudit(deps.db, query),
    }),
    route({
      method: 'get',
      path: '/audit/export',
      tag: 'audit',
      summary:
        'The audit log as CSV (RFC 4180, formula-looking cells neutralised), with the listing filters',
      roles: ADMIN,
      query: exportQuerySchema,
      handler: async ({ req, res, query }) => {
        // Only CSV today; the format is not a filter.
        const filters: Partial<typeof query> = { ...query };
        delete filters.format;
        res.status(200);
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', 'attachment; filename="ecoute-audit.csv"');
        res.setHeader('Cache-Control', 'no-store');
        const cap = deps.config.EXPORT_MAX_ROWS;
        announceRowCap(res, cap);
        const capped = capBatches(auditBatches(deps.db, { ...filters, limit: 1000 }), cap);
        const rows = await writeAuditCsv(res, capped.batches);
        const truncated = capped.truncated();
        // Recorded once the rows are written, so the export does not list itself, and before the
        // response ends, so whoever received the file finds its record.
        await audit(
          deps.db,
          req.principal,
          'audit.export',
          { type: 'audit_log' },
          { filters, rows, format: 'csv', truncated, ...(truncated ? { rowCap: cap } : {}) },
        );
        sendTruncated(res, truncated);
        res.end();
      },
    }),
  ];
}
