import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { absoluteHttpUrl } from '../shared/html-text.js';
import { isRecord, str } from '../shared/json-body.js';
import { count, finalizeMention, langTag } from '../shared/mention-fields.js';

/** app.bsky.feed.defs#postView, the fields we read. */
export interface PostView {
  uri: string;
  indexedAt: string;
  author: { did: string; handle: string; displayName?: string; followersCount?: number };
  record: Record<string, unknown>;
  [key: string]: unknown;
}

const SITE = 'https://bsky.app';

export function isPostView(value: unknown): value is PostView {
  return (
    isRecord(value) &&
    typeof value.uri === 'string' &&
    typeof value.indexedAt === 'string' &&
    isRecord(value.author) &&
    typeof value.author.did === 'string' &&
    typeof value.author.handle === 'string' &&
    isRecord(value.record)
  );
}

export function mapPost(post: PostView): NormalizedMention | null {
  const record = post.record;
  const reply = isRecord(record.reply) ? record.reply : {};
  const langs = Array.isArray(record.langs) ? record.langs : [];
  const rkey = post.uri.split('/').pop() ?? '';
  const handle = post.author.handle;
  return finalizeMention({
    platform: 'bluesky',
    externalId: post.uri,
    url: `${SITE}/profile/${encodeURIComponent(handle)}/post/${encodeURIComponent(rkey)}`,
    author: {
      id: post.author.did,
      handle,
      name: post.author.displayName || null,
      followers: count(post.author.followersCount),
      profileUrl: `${SITE}/profile/${encodeURIComponent(handle)}`,
    },
    text: str(record.text)?.trim() ?? '',
    links: postLinks(record),
    langHint: langTag(str(langs[0])),
    // createdAt is what the author's client claims; indexedAt is when the network saw it.
    publishedAt: validDate(str(record.createdAt)) ?? post.indexedAt,
    parentId: refUri(reply.parent),
    threadId: refUri(reply.root),
    quotedId: quotedUri(record.embed),
    likes: count(post.likeCount),
    reposts: count(post.repostCount),
    replies: count(post.replyCount),
    raw: post,
  });
}

function refUri(ref: unknown): string | null {
  return isRecord(ref) ? str(ref.uri) : null;
}

/** app.bsky.embed.record, or recordWithMedia whose record wraps the quoted one. */
function quotedUri(embed: unknown): string | null {
  if (!isRecord(embed) || !isRecord(embed.record)) return null;
  return refUri(embed.record.record) ?? refUri(embed.record);
}

/** Link facets, then an external card. */
function postLinks(record: Record<string, unknown>): string[] {
  const out = new Set<string>();
  for (const facet of Array.isArray(record.facets) ? record.facets : []) {
    if (!isRecord(facet) || !Array.isArray(facet.features)) continue;
    for (const f of facet.features) {
      const uri = isRecord(f) ? absoluteHttpUrl(str(f.uri) ?? '') : null;
      if (uri) out.add(uri);
    }
  }
  const embed = isRecord(record.embed) ? record.embed : null;
  const external =
    embed && isRecord(embed.external) ? absoluteHttpUrl(str(embed.external.uri) ?? '') : null;
  if (external) out.add(external);
  return [...out];
}

function validDate(value: string | null): string | null {
  return value && !Number.isNaN(Date.parse(value)) ? value : null;
}
