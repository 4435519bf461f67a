import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { htmlToPlainText } from '../shared/html-text.js';
import { isRecord, str } from '../shared/json-body.js';
import { count, finalizeMention, langTag } from '../shared/mention-fields.js';

/** The Status fields we read (https://docs.joinmastodon.org/entities/Status/). */
export interface MastodonStatus {
  id: string;
  uri?: string;
  url?: string | null;
  created_at: string;
  content?: string;
  spoiler_text?: string;
  language?: string | null;
  in_reply_to_id?: string | null;
  replies_count?: number;
  reblogs_count?: number;
  favourites_count?: number;
  reblog?: MastodonStatus | null;
  quote?: { quoted_status?: MastodonStatus | null } | null;
  account?: {
    id: string;
    acct?: string;
    username?: string;
    display_name?: string;
    url?: string;
    followers_count?: number;
  };
  [key: string]: unknown;
}

export function isStatus(value: unknown): value is MastodonStatus {
  return isRecord(value) && str(value.id) !== null && typeof value.created_at === 'string';
}

/**
 * Status ids are local to the instance that serves them, so they are kept with its host
 * ("mastodon.social:113…"): replies link to their parent on the same instance. The permalink
 * (`url`) is the origin's, which lets cross-instance copies be grouped as duplicates.
 */
export function scopedId(host: string, id: string): string {
  return `${host}:${id}`;
}

/**
 * A timeline item as mentions: a status is one; a boost is two — the boosted status, and the
 * boost itself as the booster's repost of it (`quotedId`, the same words), so the influence graph
 * draws the repost edge from booster to author, while the copy is grouped as a duplicate of the
 * original and never counted as volume twice.
 */
export function mapTimelineItem(item: MastodonStatus, host: string): NormalizedMention[] {
  const original = mapStatus(item, host);
  if (!original || !item.reblog || !isStatus(item.reblog)) return original ? [original] : [];
  const booster = mapAccount(item.account, host);
  if (!booster) return [original];
  const boost = finalizeMention({
    platform: 'mastodon',
    externalId: scopedId(host, String(item.id)),
    url: original.url ?? null,
    author: booster,
    text: original.text,
    links: original.links,
    langHint: original.langHint ?? null,
    publishedAt: item.created_at,
    quotedId: original.externalId,
    raw: item,
  });
  return boost ? [original, boost] : [original];
}

export function mapStatus(wrapper: MastodonStatus, host: string): NormalizedMention | null {
  // A boost carries no text of its own: the boosted status is the mention (the boost itself is
  // a repost of it, see mapTimelineItem).
  const status = wrapper.reblog && isStatus(wrapper.reblog) ? wrapper.reblog : wrapper;
  const body = htmlToPlainText(status.content ?? '', status.url ?? null);
  const warning = status.spoiler_text?.trim();
  const text = warning ? `${warning}\n\n${body.text}` : body.text;
  const quoted = status.quote?.quoted_status;
  return finalizeMention({
    platform: 'mastodon',
    externalId: scopedId(host, String(status.id)),
    url: status.url ?? status.uri ?? null,
    author: mapAccount(status.account, host),
    text,
    links: body.links,
    langHint: langTag(status.language),
    publishedAt: status.created_at,
    parentId: status.in_reply_to_id ? scopedId(host, String(status.in_reply_to_id)) : null,
    quotedId: quoted && isStatus(quoted) ? scopedId(host, String(quoted.id)) : null,
    likes: count(status.favourites_count),
    reposts: count(status.reblogs_count),
    replies: count(status.replies_count),
    raw: status,
  });
}

function mapAccount(account: MastodonStatus['account'], host: string) {
  if (!account?.id) return null;
  const acct = account.acct ?? account.username ?? String(account.id);
  // Local accounts have no domain in `acct`; the full handle is unique across the fediverse.
  const handle = acct.includes('@') ? acct : `${acct}@${host}`;
  return {
    id: handle,
    handle,
    name: account.display_name || null,
    followers: count(account.followers_count),
    profileUrl: account.url ?? null,
  };
}
