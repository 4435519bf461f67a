import {
  codePoints,
  baseUrlOf,
  type ReplySender,
  type SendContext,
} from '../../dialogue/reply-sender.js';
import { ConnectorError } from '../connector-error.js';
import { invalidShape, isRecord, jsonBody, str } from '../shared/json-body.js';

/** Reddit caps a comment at 10,000 characters. */
const MAX_CHARS = 10_000;
const SITE = 'https://www.reddit.com';
/** How many of the account's newest comments a retry looks through for the lost attempt. */
const LOOKBACK = 100;

/**
 * Replies with POST /api/comment (thing_id = the parent's fullname) on https://oauth.reddit.com.
 * Reddit has no idempotency key, so a retry looks first: it reads the account's newest comments
 * and reuses one with the same parent and the same text. Guarantee: no duplicate once the lost
 * attempt is visible in the account's listing (retries wait seconds; Reddit lists a comment
 * at once); a retry racing an attempt still in flight on Reddit's side could post twice.
 */
export const redditReplySender: ReplySender = {
  platform: 'reddit',
  maxLength: MAX_CHARS,
  lengthOf: codePoints,
  async send(ctx) {
    const base = baseUrlOf(ctx.sourceConfig, 'baseUrl');
    if (ctx.retry) {
      const existing = await findOwnReply(ctx, base);
      if (existing) return existing;
    }
    const url = `${base}/api/comment`;
    const form = new URLSearchParams({
      api_type: 'json',
      thing_id: ctx.parent.externalId,
      text: ctx.text,
    });
    const res = await ctx.http.post<unknown>(url, form.toString(), {
      ...options(ctx),
      headers: { ...options(ctx).headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    return commentFrom(jsonBody(res.data, url), url);
  },
};

const options = (ctx: SendContext) => ({
  timeout: ctx.timeoutMs,
  headers: { Authorization: `bearer ${ctx.token}`, Accept: 'application/json' },
});

/** {json: {errors: [[code, message, field]], data: {things: [{kind: 't1', data}]}}} */
function commentFrom(body: unknown, url: string) {
  const json = isRecord(body) && isRecord(body.json) ? body.json : null;
  const errors = json && Array.isArray(json.errors) ? json.errors : [];
  if (errors.length > 0) {
    throw new ConnectorError(
      'bad_config',
      `${url}: Reddit refused the comment (${JSON.stringify(errors[0])})`,
    );
  }
  const things =
    json && isRecord(json.data) && Array.isArray(json.data.things) ? json.data.things : [];
  const first: unknown = things[0];
  const data = isRecord(first) && isRecord(first.data) ? first.data : null;
  const name = data ? str(data.name) : null;
  if (!data || !name) throw invalidShape(url, 'json.data.things[0] with a name');
  return { externalId: name, url: permalink(data) };
}

const permalink = (d: Record<string, unknown>) => {
  const p = str(d.permalink);
  return p ? `${SITE}${p}` : null;
};

async function findOwnReply(ctx: SendContext, base: string) {
  const meUrl = `${base}/api/v1/me`;
  const me = jsonBody((await ctx.http.get<unknown>(meUrl, options(ctx))).data, meUrl);
  const name = isRecord(me) ? str(me.name) : null;
  if (!name) throw invalidShape(meUrl, 'an account with a name');
  const url = `${base}/user/${encodeURIComponent(name)}/comments`;
  const res = await ctx.http.get<unknown>(url, {
    ...options(ctx),
    params: { sort: 'new', limit: LOOKBACK },
  });
  const listing = jsonBody(res.data, url);
  const children =
    isRecord(listing) && isRecord(listing.data) && Array.isArray(listing.data.children)
      ? listing.data.children
      : [];
  for (const child of children as unknown[]) {
    const d = isRecord(child) && isRecord(child.data) ? child.data : null;
    if (
      d &&
      d.parent_id === ctx.parent.externalId &&
      str(d.body)?.trim() === ctx.text.trim() &&
      str(d.name)
    ) {
      return { externalId: String(d.name), url: permalink(d) };
    }
  }
  return null;
}
