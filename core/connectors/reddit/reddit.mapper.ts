import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { absoluteHttpUrl, htmlToPlainText } from '../shared/html-text.js';
import { isRecord, str } from '../shared/json-body.js';
import { count, finalizeMention } from '../shared/mention-fields.js';

/** A listing child: t3 (post) or t1 (comment); "more" stubs are not items. */
export interface RedditThing {
  kind: 't1' | 't3';
  data: Record<string, unknown> & { name: string; created_utc: number };
}

// Permalinks point at Reddit itself, whichever base URL the source fetches from.
const SITE = 'https://www.reddit.com';

export function isThing(value: unknown): value is RedditThing {
  if (!isRecord(value) || (value.kind !== 't1' && value.kind !== 't3')) return false;
  const data = value.data;
  return isRecord(data) && typeof data.name === 'string' && typeof data.created_utc === 'number';
}

/**
 * A post or comment that is gone on Reddit: deleted by its author (its body reads [deleted]) or
 * removed by a moderator ([removed], or a post's `removed_by_category`). Listings keep showing
 * such things in place; Écoute honours them as deletions instead of storing them.
 */
export function isWithdrawn(thing: RedditThing): boolean {
  const body = thing.kind === 't1' ? str(thing.data.body) : str(thing.data.selftext);
  if (body === '[deleted]' || body === '[removed]') return true;
  return thing.kind === 't3' && typeof thing.data.removed_by_category === 'string';
}

export function mapThing(thing: RedditThing): NormalizedMention | null {
  const d = thing.data;
  const url = permalinkOf(thing);
  const html = thing.kind === 't1' ? str(d.body_html) : str(d.selftext_html);
  const plain = thing.kind === 't1' ? str(d.body) : str(d.selftext);
  const body = html ? htmlToPlainText(html, SITE) : { text: plain?.trim() ?? '', links: [] };
  const title = thing.kind === 't3' ? (str(d.title)?.trim() ?? null) : null;
  // A post's title is most of what it says; a link post has nothing else.
  const text = [title, body.text].filter(Boolean).join('\n\n');
  const outbound =
    thing.kind === 't3' && d.is_self !== true ? absoluteHttpUrl(str(d.url) ?? '') : null;
  return finalizeMention({
    platform: 'reddit',
    externalId: d.name,
    url,
    author: mapAuthor(d),
    title,
    text,
    links: outbound && !body.links.includes(outbound) ? [outbound, ...body.links] : body.links,
    publishedAt: new Date(d.created_utc * 1000),
    parentId: thing.kind === 't1' ? str(d.parent_id) : null,
    threadId: thing.kind === 't1' ? str(d.link_id) : null,
    quotedId: str(d.crosspost_parent),
    score: typeof d.score === 'number' ? Math.trunc(d.score) : null,
    replies: thing.kind === 't3' ? count(d.num_comments) : null,
    raw: thing,
  });
}

/** Older comment listings carry no permalink; /comments/<post>/_/<comment> reaches the comment. */
function permalinkOf(thing: RedditThing): string | null {
  const permalink = str(thing.data.permalink);
  if (permalink) return absoluteHttpUrl(permalink, SITE);
  const post = str(thing.data.link_id)?.replace(/^t3_/, '');
  const id = str(thing.data.id);
  return thing.kind === 't1' && post && id ? `${SITE}/comments/${post}/_/${id}/` : null;
}

function mapAuthor(d: RedditThing['data']) {
  const name = str(d.author);
  if (!name || name === '[deleted]') return null;
  return {
    id: str(d.author_fullname) ?? name,
    handle: name,
    profileUrl: `${SITE}/user/${encodeURIComponent(name)}`,
  };
}
