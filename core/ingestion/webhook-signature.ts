import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../errors.js';
import { normalizedMentionSchema } from '../mentions/normalized-mention.js';
import { platformDeletionSchema } from '../privacy/platform-deletes.js';

/**
 * The signed webhook: the sender signs `${timestamp}.${raw body}` with HMAC-SHA256 under the
 * source's secret and sends `X-Ecoute-Timestamp: <unix seconds>` and
 * `X-Ecoute-Signature: v1=<hex>`. A delivery outside the tolerance window is refused, so a
 * captured request cannot be replayed later; within it, the event id makes a replay a no-op.
 */
export const SIGNATURE_HEADER = 'x-ecoute-signature';
export const TIMESTAMP_HEADER = 'x-ecoute-timestamp';
export const SOURCE_HEADER = 'x-ecoute-source';

export function signWebhook(secret: string, timestamp: number, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(rawBody);
  return `v1=${mac.digest('hex')}`;
}

export function verifyWebhook(args: {
  secret: string;
  rawBody: Buffer;
  timestampHeader: string | undefined;
  signatureHeader: string | undefined;
  toleranceS: number;
  nowMs?: number;
}): void {
  const ts = Number(args.timestampHeader);
  if (!args.timestampHeader || !Number.isInteger(ts)) {
    throw new DomainError(
      'invalid_signature',
      `${TIMESTAMP_HEADER} must be a Unix time in seconds`,
    );
  }
  const skew = Math.abs((args.nowMs ?? Date.now()) / 1000 - ts);
  if (skew > args.toleranceS) {
    throw new DomainError(
      'invalid_signature',
      `${TIMESTAMP_HEADER} is ${Math.round(skew)} s away from now; at most ${args.toleranceS} s is accepted`,
    );
  }
  const expected = Buffer.from(signWebhook(args.secret, ts, args.rawBody));
  const given = Buffer.from(args.signatureHeader ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new DomainError('invalid_signature', `${SIGNATURE_HEADER} does not match the body`);
  }
}

/**
 * A delivery: mentions to store, posts deleted on their platform (`deleted`, honoured as
 * platform delete events), or both; at least one of them.
 */
export const webhookPayloadSchema = z
  .object({
    eventId: z.string().min(1).max(200),
    mentions: z.array(normalizedMentionSchema).max(1_000).default([]),
    deleted: z.array(platformDeletionSchema).max(1_000).default([]),
  })
  .strict()
  .refine((p) => p.mentions.length + p.deleted.length > 0, {
    message: 'a delivery carries at least one mention or one deletion',
    path: ['mentions'],
  });
