import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { finalizeMention, langTag, shortHash } from '../shared/mention-fields.js';
import type { FeedEntry, ReadFeed } from './feed-reader.js';

/** Every entry of a read RSS/Atom feed as a normalised mention (entries without text are left out). */
export function mapFeedEntries(feed: ReadFeed, feedUrl: string): NormalizedMention[] {
  const out: NormalizedMention[] = [];
  for (const entry of feed.entries) {
    const mention = mapEntry(entry, feed.link ?? feedUrl);
    if (mention) out.push(mention);
  }
  return out;
}

function mapEntry(entry: FeedEntry, base: string): NormalizedMention | null {
  const text = entry.text || entry.title;
  if (!text) return null;
  const author = entry.author;
  // The name, as before: the same person keeps one author row across polls.
  const authorId = author?.name ?? null;
  return finalizeMention({
    platform: 'rss',
    externalId:
      entry.id ?? entry.url ?? `sha256:${shortHash(base, entry.title, entry.publishedRaw, text)}`,
    url: entry.url,
    title: entry.title,
    text,
    links: entry.links,
    author:
      author && authorId
        ? { id: authorId, handle: author.name, name: author.name, profileUrl: author.url }
        : null,
    langHint: langTag(entry.lang),
    // A date the feed does not give, or that cannot be read, stays unknown: never the fetch time.
    publishedAt: entry.published,
    publishedRaw: entry.publishedRaw,
    parentId: entry.inReplyTo,
    replies: entry.replies,
    raw: entry.raw,
  });
}
