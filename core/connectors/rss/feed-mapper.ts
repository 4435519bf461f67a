import type { parseFeed } from '@rowanmanning/feed-parser';
import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { absoluteHttpUrl, htmlToPlainText } from '../shared/html-text.js';
import { count, finalizeMention, langTag, shortHash } from '../shared/mention-fields.js';

const SLASH_NS = 'http://purl.org/rss/1.0/modules/slash/';
const THREAD_NS = 'http://purl.org/syndication/thread/1.0';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

type Feed = ReturnType<typeof parseFeed>;
type FeedItem = Feed['items'][number];
type Element = FeedItem['element'];

/** Every item of a parsed RSS/Atom feed as a normalised mention (items without text are left out). */
export function mapFeedItems(feed: Feed, feedUrl: string, fetchedAt: Date): NormalizedMention[] {
  const base = absoluteHttpUrl(feed.url ?? '', feedUrl) ?? feedUrl;
  const feedLang = langTag(feed.language);
  const feedAuthor = feed.authors.find((a) => a.name || a.email) ?? null;
  const out: NormalizedMention[] = [];
  for (const item of feed.items) {
    const mention = mapItem(item, { base, feedLang, feedAuthor, fetchedAt });
    if (mention) out.push(mention);
  }
  return out;
}

interface FeedContext {
  base: string;
  feedLang: string | null;
  feedAuthor: Feed['authors'][number] | null;
  fetchedAt: Date;
}

function mapItem(item: FeedItem, ctx: FeedContext): NormalizedMention | null {
  const url = item.url ? absoluteHttpUrl(item.url, ctx.base) : null;
  const title = item.title?.trim() || null;
  const body = htmlToPlainText(item.content ?? item.description ?? '', url ?? ctx.base);
  const text = body.text || title;
  if (!text) return null;
  const published = item.published ?? item.updated ?? null;
  const author = item.authors.find((a) => a.name || a.email) ?? ctx.feedAuthor;
  const authorName = author?.name?.trim() || author?.email?.trim() || null;
  return finalizeMention({
    platform: 'rss',
    externalId: item.id?.trim() || url || `sha256:${shortHash(title, published?.toISOString())}`,
    url,
    title,
    text,
    links: body.links,
    author: authorName
      ? {
          id: authorName,
          handle: authorName,
          name: author?.name ?? null,
          profileUrl: author?.url ? absoluteHttpUrl(author.url, ctx.base) : null,
        }
      : null,
    langHint: itemLanguage(item.element) ?? ctx.feedLang,
    // A feed item without any date is stamped with the time we first saw it.
    publishedAt: published ?? ctx.fetchedAt,
    replies: replyCount(item.element),
    raw: item.toJSON(),
  });
}

function itemLanguage(el: Element): string | null {
  const dcLanguage = el.findElementsWithName('language').find((e) => e.namespaceUri === DC_NS);
  return langTag(el.getAttribute('xml:lang')) ?? langTag(dcLanguage?.textContentNormalized);
}

/** slash:comments (WordPress RSS), thr:total or thr:count on rel="replies" links (Atom). */
function replyCount(el: Element): number | null {
  const slash = el.findElementsWithName('comments').find((e) => e.namespaceUri === SLASH_NS);
  if (slash) return count(slash.textContentNormalized);
  const total = el.findElementsWithName('total').find((e) => e.namespaceUri === THREAD_NS);
  if (total) return count(total.textContentNormalized);
  let sum: number | null = null;
  for (const link of el.findElementsWithName('link')) {
    if (link.getAttribute('rel') !== 'replies') continue;
    const attr = Object.keys(link.attributes).find((k) => /(^|:)count$/.test(k));
    const n = attr ? count(link.attributes[attr]) : null;
    if (n !== null) sum = (sum ?? 0) + n;
  }
  return sum;
}
