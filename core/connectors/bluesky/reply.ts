import { createHash } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import {
  graphemes,
  baseUrlOf,
  type ReplySender,
  type SendContext,
} from '../../dialogue/reply-sender.js';
import { ConnectorError } from '../connector-error.js';
import { invalidShape, isRecord, jsonBody, str } from '../shared/json-body.js';

/** app.bsky.feed.post caps text at 300 graphemes. */
const MAX_GRAPHEMES = 300;
const COLLECTION = 'app.bsky.feed.post';
const SITE = 'https://bsky.app';

/**
 * Replies with com.atproto.repo.createRecord (a post with reply.root and reply.parent). The
 * record key is derived from the message (a TID made of its creation time and a clock id hashed
 * from the idempotency key), so a second create of the same message is refused by the PDS; and
 * a retry first asks for that record (getRecord): if the lost attempt created it, it is reused.
 * The base URL must be the account's PDS (or an entryway such as https://bsky.social).
 */
export const blueskyReplySender: ReplySender = {
  platform: 'bluesky',
  maxLength: MAX_GRAPHEMES,
  lengthOf: graphemes,
  async send(ctx) {
    const base = baseUrlOf(ctx.sourceConfig, 'baseUrl');
    const did = await sessionDid(ctx, base);
    const rkey = recordKey(ctx.createdAt, ctx.idempotencyKey);
    if (ctx.retry) {
      const existing = await findRecord(ctx, base, did, rkey);
      if (existing) return existing;
    }
    const url = `${base}/xrpc/com.atproto.repo.createRecord`;
    const record = {
      $type: COLLECTION,
      text: ctx.text,
      createdAt: ctx.createdAt.toISOString(),
      reply: replyRefs(ctx),
    };
    try {
      const res = await ctx.http.post<unknown>(
        url,
        { repo: did, collection: COLLECTION, rkey, record },
        options(ctx),
      );
      const body = jsonBody(res.data, url);
      const uri = isRecord(body) ? str(body.uri) : null;
      if (!uri) throw invalidShape(url, 'a {uri, cid}');
      return { externalId: uri, url: postUrl(did, rkey) };
    } catch (err) {
      // "Record already exists": an earlier attempt got through after all.
      const existing = await findRecord(ctx, base, did, rkey).catch(() => null);
      if (existing) return existing;
      throw err;
    }
  },
};

const options = (ctx: SendContext) => ({
  timeout: ctx.timeoutMs,
  headers: { Authorization: `Bearer ${ctx.token}`, Accept: 'application/json' },
});

async function sessionDid(ctx: SendContext, base: string): Promise<string> {
  const url = `${base}/xrpc/com.atproto.server.getSession`;
  const res = await ctx.http.get<unknown>(url, options(ctx));
  const body = jsonBody(res.data, url);
  const did = isRecord(body) ? str(body.did) : null;
  if (!did) throw invalidShape(url, 'a session with a did');
  return did;
}

async function findRecord(ctx: SendContext, base: string, did: string, rkey: string) {
  const url = `${base}/xrpc/com.atproto.repo.getRecord`;
  try {
    const res = await (ctx.http as AxiosInstance).get<unknown>(url, {
      ...options(ctx),
      params: { repo: did, collection: COLLECTION, rkey },
    });
    const body = jsonBody(res.data, url);
    const uri = isRecord(body) ? str(body.uri) : null;
    return uri ? { externalId: uri, url: postUrl(did, rkey) } : null;
  } catch (err) {
    // The XRPC answer for a missing record is 400 RecordNotFound (some servers: 404).
    if (
      err instanceof ConnectorError &&
      ['not_found', 'invalid_payload', 'bad_config'].includes(err.code)
    )
      return null;
    throw err;
  }
}

/** Strong refs {uri, cid} of the parent and of the thread root, from the stored PostView. */
function replyRefs(ctx: SendContext) {
  const raw = ctx.parent.raw;
  const cid = isRecord(raw) ? str(raw.cid) : null;
  if (!cid)
    throw new ConnectorError(
      'bad_config',
      `parent ${ctx.parent.externalId}: the stored post has no cid`,
    );
  const parent = { uri: ctx.parent.externalId, cid };
  const record = isRecord(raw) && isRecord(raw.record) ? raw.record : {};
  const root = isRecord(record.reply) && isRecord(record.reply.root) ? record.reply.root : null;
  const rootRef =
    root && str(root.uri) && str(root.cid)
      ? { uri: String(root.uri), cid: String(root.cid) }
      : parent;
  return { root: rootRef, parent };
}

const S32 = '234567abcdefghijklmnopqrstuvwxyz';

/**
 * A TID (the record-key format of posts): 53 bits of microseconds since the epoch and 10 bits of
 * clock id, in sortable base32, 13 characters. Deterministic per message.
 */
export function recordKey(createdAt: Date, idempotencyKey: string): string {
  const clock = createHash('sha256').update(idempotencyKey).digest().readUInt16BE(0) & 0x3ff;
  const micros = BigInt(createdAt.getTime()) * 1000n;
  let v = ((micros & ((1n << 53n) - 1n)) << 10n) | BigInt(clock);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = S32[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return out;
}

const postUrl = (did: string, rkey: string) =>
  `${SITE}/profile/${encodeURIComponent(did)}/post/${rkey}`;
