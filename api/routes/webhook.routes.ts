import express, { type Request, type Response, type Router } from 'express';
import { DomainError } from '../../core/errors.js';
import { ingest } from '../../core/ingestion/ingest.service.js';
import {
  SIGNATURE_HEADER,
  SOURCE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhook,
  webhookPayloadSchema,
} from '../../core/ingestion/webhook-signature.js';
import { findSource } from '../../core/sources/source.repository.js';
import type { AppDeps } from '../deps.js';

/** Largest accepted delivery: 1,000 mentions of a few KB each. */
const MAX_BODY = '5mb';

/**
 * POST /api/v1/ingest — mentions pushed by a signed webhook source, and posts deleted on their
 * platform (`deleted`: honoured at once, never stored again). Answers 202 only once the
 * mentions are committed; 503 when storage (or the queue) is unavailable, so the sender retries;
 * a repeated event id is answered 200 without storing anything again.
 */
export function mountWebhook(router: Router, deps: AppDeps): void {
  router.post(
    '/ingest',
    express.raw({ type: () => true, limit: MAX_BODY }),
    async (req: Request, res: Response) => {
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const sourceId = String(req.headers[SOURCE_HEADER] ?? '');
      const source = await findSource(deps.db, sourceId).catch(() => {
        throw new DomainError('unavailable', 'storage is unavailable; retry later');
      });
      // The same answer for an unknown source and a bad signature: nothing to probe.
      if (!source || source.kind !== 'webhook' || !source.secret_sealed) {
        throw new DomainError(
          'invalid_signature',
          `${SOURCE_HEADER} or ${SIGNATURE_HEADER} is not valid`,
        );
      }
      verifyWebhook({
        secret: deps.secrets.open(source.secret_sealed),
        rawBody,
        timestampHeader: header(req, TIMESTAMP_HEADER),
        signatureHeader: header(req, SIGNATURE_HEADER),
        toleranceS: deps.config.WEBHOOK_TOLERANCE_S,
      });
      if (source.status === 'paused')
        throw new DomainError('conflict', 'this webhook source is paused');
      let json: unknown;
      try {
        json = JSON.parse(rawBody.toString('utf8'));
      } catch {
        throw new DomainError('bad_request', 'body is not valid JSON', [
          { field: '(body)', reason: 'invalid JSON' },
        ]);
      }
      const payload = webhookPayloadSchema.parse(json);
      if (!(await deps.queues.ping())) {
        res.setHeader('Retry-After', '30');
        throw new DomainError('unavailable', 'the work queue is unavailable; retry later');
      }
      const outcome = await ingest(
        {
          db: deps.db,
          queues: deps.queues,
          logger: deps.logger,
          analyzeBatchSize: deps.config.ANALYZE_BATCH_SIZE,
        },
        {
          sourceId: source.id,
          mentions: payload.mentions,
          webhookEventId: payload.eventId,
          deleted: { items: payload.deleted, origin: 'webhook' },
        },
      ).catch((err: unknown) => {
        deps.logger.error({ err, sourceId: source.id }, 'webhook delivery not stored');
        res.setHeader('Retry-After', '30');
        throw new DomainError('unavailable', 'storage is unavailable; retry later');
      });
      if (outcome.status === 'duplicate_event') {
        res.status(200).json({ eventId: payload.eventId, duplicate: true, stored: 0 });
        return;
      }
      if (outcome.status !== 'stored') throw new Error('unexpected ingest outcome');
      res.status(202).json({
        eventId: payload.eventId,
        duplicate: false,
        stored: outcome.stored,
        duplicates: outcome.duplicates,
        deleted: payload.deleted.length,
      });
    },
  );
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
