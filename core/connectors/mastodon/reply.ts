import { codePoints, baseUrlOf, type ReplySender } from '../../dialogue/reply-sender.js';
import { ConnectorError } from '../connector-error.js';
import { invalidShape, isRecord, jsonBody, str } from '../shared/json-body.js';
import { scopedId } from './mastodon.mapper.js';

/** The default limit of Mastodon servers (instances can raise it). */
const MAX_CHARS = 500;

/**
 * Replies with POST /api/v1/statuses and `in_reply_to_id`. Retries are safe by the platform's
 * own guarantee: Mastodon keeps the `Idempotency-Key` for one hour per account and answers a
 * repeated key with the status it already created (the job's retries all fall within that hour).
 */
export const mastodonReplySender: ReplySender = {
  platform: 'mastodon',
  maxLength: MAX_CHARS,
  lengthOf: codePoints,
  async send(ctx) {
    const base = baseUrlOf(ctx.sourceConfig, 'instance');
    const host = new URL(base).host;
    const [parentHost, parentId] = splitScoped(ctx.parent.externalId);
    if (parentHost !== host) {
      throw new ConnectorError(
        'bad_config',
        `parent ${ctx.parent.externalId} lives on ${parentHost}, not on the source's instance ${host}`,
      );
    }
    const url = `${base}/api/v1/statuses`;
    const res = await ctx.http.post<unknown>(
      url,
      { status: ctx.text, in_reply_to_id: parentId, visibility: 'public' },
      {
        timeout: ctx.timeoutMs,
        headers: {
          Authorization: `Bearer ${ctx.token}`,
          'Idempotency-Key': ctx.idempotencyKey,
          Accept: 'application/json',
        },
      },
    );
    const body = jsonBody(res.data, url);
    const id = isRecord(body) ? str(body.id) : null;
    if (!id || !isRecord(body)) throw invalidShape(url, 'a Status with an id');
    return { externalId: scopedId(host, id), url: str(body.url) };
  },
};

function splitScoped(externalId: string): [string, string] {
  const at = externalId.lastIndexOf(':');
  return [externalId.slice(0, at), externalId.slice(at + 1)];
}
