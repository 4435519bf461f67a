import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { invalidShape, isRecord, str } from '../shared/json-body.js';
import { finalizeMention } from '../shared/mention-fields.js';
import { isPostView, mapPost, type PostView } from './bluesky.mapper.js';

const SITE = 'https://bsky.app';

/**
 * Every shape of Bluesky response that carries posts: a search or quotes page ({posts}), a feed
 * (author feed, timeline, list feed, custom feed: {feed: [{post, reply?, reason?}]}) and a
 * thread (getPostThread: {thread}, its parents up and its replies down). A repost in a feed
 * (`reason` app.bsky.feed.defs#reasonRepost) is two mentions, as a Mastodon boost is: the post,
 * and the repost by `reason.by` quoting it with the same words, which the influence graph reads
 * as a repost edge from the reposter to the author.
 */
export function mapBlueskyBody(body: unknown, where: string): NormalizedMention[] {
  if (!isRecord(body)) throw invalidShape(where, 'a Bluesky {posts}, {feed} or {thread}');
  const out: NormalizedMention[] = [];
  if (Array.isArray(body.posts)) {
    for (const p of body.posts.filter(isPostView)) push(out, mapPost(p));
  } else if (Array.isArray(body.feed)) {
    for (const item of body.feed) {
      if (!isRecord(item) || !isPostView(item.post)) continue;
      const post = mapPost(item.post);
      push(out, post);
      if (post && isRecord(item.reason)) push(out, mapRepost(post, item.post, item.reason));
    }
  } else if (isRecord(body.thread)) {
    walkThread(body.thread, out);
  } else {
    throw invalidShape(where, 'a Bluesky {posts}, {feed} or {thread}');
  }
  return dedupe(out);
}

function push(out: NormalizedMention[], m: NormalizedMention | null): void {
  if (m) out.push(m);
}

/** The parents first (oldest at the top), then the post, then its replies depth first. */
function walkThread(node: Record<string, unknown>, out: NormalizedMention[]): void {
  const parents: PostView[] = [];
  for (let p = node.parent; isRecord(p) && isPostView(p.post); p = p.parent)
    parents.unshift(p.post);
  for (const p of parents) push(out, mapPost(p));
  walkDown(node, out);
}

function walkDown(node: Record<string, unknown>, out: NormalizedMention[]): void {
  // Blocked and deleted posts (blockedPost, notFoundPost) carry no post.
  if (isPostView(node.post)) push(out, mapPost(node.post));
  for (const reply of Array.isArray(node.replies) ? node.replies : []) {
    if (isRecord(reply)) walkDown(reply, out);
  }
}

function mapRepost(
  post: NormalizedMention,
  view: PostView,
  reason: Record<string, unknown>,
): NormalizedMention | null {
  if (str(reason.$type) !== 'app.bsky.feed.defs#reasonRepost' || !isRecord(reason.by)) return null;
  const did = str(reason.by.did);
  const handle = str(reason.by.handle);
  if (!did || !handle) return null;
  return finalizeMention({
    platform: 'bluesky',
    // Newer AppViews give the repost record's own uri; older ones only who and when.
    externalId: str(reason.uri) ?? `${view.uri}#repost-by-${did}`,
    url: post.url ?? null,
    author: {
      id: did,
      handle,
      name: str(reason.by.displayName) || null,
      profileUrl: `${SITE}/profile/${encodeURIComponent(handle)}`,
    },
    text: post.text,
    links: post.links,
    langHint: post.langHint ?? null,
    publishedAt: str(reason.indexedAt) ?? view.indexedAt,
    quotedId: post.externalId,
    raw: { reason, subject: view.uri },
  });
}

function dedupe(items: NormalizedMention[]): NormalizedMention[] {
  const ids = new Set<string>();
  return items.filter((m) => (ids.has(m.externalId) ? false : (ids.add(m.externalId), true)));
}
