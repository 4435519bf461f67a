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
import { isRefusedValue } from '../../core/db/storage-errors.js';
import { refusedItem } from '../../core/ingestion/refused-item.js';
import { findSource } from '../../core/sources/source.repository.js';
import type { AppDeps } from '../deps.js';
import { RETRY_AFTER_S } from '../http-error.js';
import { webhookRateLimit } from '../middleware/rate-limit.js';

/** Largest accepted delivery: 1,000 mentions of a few KB each. */
const MAX_BODY = '5mb';

/**
 * POST /api/v1/ingest — mentions pushed by a signed webhook source, and posts deleted on their
 * platform (`deleted`: honoured at once, never stored again). Answers 202 only once the
 * mentions are committed; 503 with Retry-After when storage (or the queue) is unavailable, so
 * the sender retries; 400 naming the item and field for a value that cannot be stored, which a
 * retry would not change; a repeated event id is answered 200 without storing anything again.
 * NUL and unpaired surrogates are cleaned by ingestion (and counted in the source's health).
 */
export function mountWebhook(router: Router, deps: AppDeps): void {
  router.post(
    '/ingest',
    // Limited first: a flood costs neither a body read nor a database lookup.
    ...webhookRateLimit(deps.config, SOURCE_HEADER),
    express.raw({ type: () => true, limit: MAX_BODY }),
    async (req: Request, res: Response) => {
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const sourceId = String(req.headers[SOURCE_HEADER] ?? '');
      // Storage down here is a 503 with Retry-After like everywhere (the error handler decides).
      const source = await findSource(deps.db, sourceId);
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
        res.setHeader('Retry-After', String(RETRY_AFTER_S));
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
      ).catch(async (err: unknown) => {
        // Decided by the error, in the error handler: storage down is 503 with Retry-After, a
        // value Postgres refuses is 400 (a retry would fail the same way), here with the item.
        if (isRefusedValue(err)) throw await refusedItem(deps.db, source.id, payload.mentions, err);
        deps.logger.warn({ err, sourceId: source.id }, 'webhook delivery not stored');
        throw err;
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
