import { parseFeedDate } from '../shared/feed-date.js';
import { absoluteHttpUrl } from '../shared/html-text.js';
import { attr, childElements, type XmlElement } from './feed-xml.js';
import { decodeEntities, plainText, plainTitle, textConstruct, textOf } from './feed-text.js';

const ATOM = 'http://www.w3.org/2005/Atom';
const ATOM03 = 'http://purl.org/atom/ns#';
const RSS10 = 'http://purl.org/rss/1.0/';
const RSS090 = 'http://my.netscape.com/rdf/simple/0.9/';
const DC = 'http://purl.org/dc/elements/1.1/';
const DCTERMS = 'http://purl.org/dc/terms/';
const CONTENT = 'http://purl.org/rss/1.0/modules/content/';
const THREAD = 'http://purl.org/syndication/thread/1.0';
const SLASH = 'http://purl.org/rss/1.0/modules/slash/';
const ITUNES = 'http://www.itunes.com/dtds/podcast-1.0.dtd';

export type FeedFormat = 'rss' | 'rdf' | 'atom';

/** One feed item as a reader shows it: plain-text title and body, absolute links. */
export interface FeedEntry {
  id: string | null;
  url: string | null;
  title: string | null;
  text: string;
  links: string[];
  author: { name: string; email: string | null; url: string | null } | null;
  /** The date as the feed wrote it, kept even when it cannot be read. */
  publishedRaw: string | null;
  published: Date | null;
  /** Atom threading: the id of the entry this one answers. */
  inReplyTo: string | null;
  replies: number | null;
  lang: string | null;
  /** The item's own fields as read, for the stored raw payload. */
  raw: Record<string, unknown>;
}

export interface ReadFeed {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  lang: string | null;
  entries: FeedEntry[];
}

/** RSS 0.9x/2.0 (with or without a version), RSS 0.90/1.0 (RDF) and Atom 0.3/1.0. */
export function readFeed(root: XmlElement, feedUrl: string): ReadFeed | null {
  const kind = formatOf(root);
  if (!kind) return null;
  const channel =
    kind === 'rss' ? (childElements(root).find((c) => c.local === 'channel') ?? root) : root;
  const rdfChannel = kind === 'rdf' ? childElements(root).find((c) => c.local === 'channel') : null;
  const head = rdfChannel ?? channel;
  const base = baseOf(head, absoluteHttpUrl(feedUrl) ?? null);
  const link = kind === 'atom' ? atomLink(head, base) : rssLink(head, base);
  const ctx: Context = {
    // Relative item links point into the site, also when the feed is served from elsewhere
    // (a CDN, FeedBurner): the site's link is their base; xml:base still wins where given.
    base: link ?? base,
    feedAuthor: kind === 'atom' ? atomAuthor(head) : rssFeedAuthor(head),
    lang: langOf(head) ?? langOf(root),
  };
  const itemName = kind === 'atom' ? 'entry' : 'item';
  const entries = descendants(root, itemName, root.ns).map((el) =>
    kind === 'atom' ? readAtomEntry(el, ctx) : readRssItem(el, ctx),
  );
  const titleEl = child(head, 'title');
  return {
    format: kind,
    title: titleEl ? plainTitle(textConstruct(titleEl, 'html')) : null,
    link,
    lang: ctx.lang,
    entries,
  };
}

interface Context {
  base: string | null;
  feedAuthor: FeedEntry['author'];
  lang: string | null;
}

function formatOf(root: XmlElement): FeedFormat | null {
  if (root.local === 'rss' || root.local === 'channel') return 'rss';
  if (root.local === 'RDF') return 'rdf';
  if (root.local === 'feed') return 'atom';
  return null;
}

/** Items, also where a broken feed nested them inside one another; never inside <source>. */
function descendants(el: XmlElement, local: string, rootNs: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of childElements(el)) {
    if (c.local === local && isItemNs(c, rootNs)) out.push(c);
    if (c.local !== 'source') out.push(...descendants(c, local, rootNs));
  }
  return out;
}

/** The feed's own namespace (UserLand's RSS 2 namespace too) or one of the feed formats'. */
function isItemNs(el: XmlElement, rootNs: string): boolean {
  return el.ns === rootNs || ['', ATOM, ATOM03, RSS10, RSS090].includes(el.ns);
}

function child(el: XmlElement, local: string, ns?: string[]): XmlElement | undefined {
  return childElements(el).find((c) => c.local === local && (!ns || ns.includes(c.ns)));
}

function children(el: XmlElement, local: string, ns?: string[]): XmlElement[] {
  return childElements(el).filter((c) => c.local === local && (!ns || ns.includes(c.ns)));
}

function text(el: XmlElement | undefined): string | null {
  const t = el ? textOf(el).trim() : '';
  return t || null;
}

function baseOf(el: XmlElement, parent: string | null): string | null {
  const xmlBase = el.attrs['xml:base'];
  if (!xmlBase) return parent;
  return absoluteHttpUrl(decodeEntities(xmlBase), parent) ?? parent;
}

function langOf(el: XmlElement): string | null {
  return el.attrs['xml:lang'] ?? text(child(el, 'language')) ?? text(child(el, 'language', [DC]));
}

/** The plain RSS <link> (not an atom:link), resolved against the feed URL. */
function rssLink(el: XmlElement, base: string | null): string | null {
  const plain = children(el, 'link').find((l) => l.ns !== ATOM && text(l));
  const href = plain ? text(plain) : null;
  if (href) return absoluteHttpUrl(href, base);
  const atom = children(el, 'link', [ATOM]).find(
    (l) => (attr(l, 'rel') ?? 'alternate') === 'alternate',
  );
  return atom?.attrs.href ? absoluteHttpUrl(decodeEntities(atom.attrs.href), base) : null;
}

/** rel="alternate" (the default), an HTML one first. */
function atomLink(el: XmlElement, base: string | null): string | null {
  const links = children(el, 'link').filter((l) => (l.attrs.rel ?? 'alternate') === 'alternate');
  const best = links.find((l) => /html/.test(l.attrs.type ?? 'text/html')) ?? links[0];
  const href = best?.attrs.href ?? (best ? text(best) : null);
  return href ? absoluteHttpUrl(decodeEntities(href), baseOf(best!, base)) : null;
}

function readRssItem(el: XmlElement, ctx: Context): FeedEntry {
  const base = baseOf(el, ctx.base);
  const guidEl = child(el, 'guid');
  const guid = text(guidEl);
  const permalink = guidEl && (guidEl.attrs.isPermaLink ?? 'true').toLowerCase() !== 'false';
  const url = rssLink(el, base) ?? (guid && permalink ? absoluteHttpUrl(guid, base) : null) ?? null;
  const titleEl = child(el, 'title');
  const title = titleEl ? plainTitle(textConstruct(titleEl, 'html')) : null;
  // content:encoded holds the full article; description is often its first lines only.
  const bodyEl =
    nonEmpty(child(el, 'encoded', [CONTENT])) ??
    nonEmpty(child(el, 'description')) ??
    nonEmpty(child(el, 'content', [ATOM])) ??
    nonEmpty(child(el, 'summary', [ITUNES]));
  const body = bodyEl ? plainText(textConstruct(bodyEl, 'html'), url ?? base) : emptyBody;
  const dateEl =
    child(el, 'pubDate') ??
    child(el, 'date', [DC]) ??
    child(el, 'issued', [DCTERMS]) ??
    child(el, 'published', [ATOM]) ??
    child(el, 'updated', [ATOM]) ??
    child(el, 'created', [DCTERMS]) ??
    child(el, 'modified', [DCTERMS]);
  const publishedRaw = text(dateEl);
  return {
    id: guid ?? rdfAbout(el) ?? url,
    url,
    title,
    text: body.text,
    links: body.links,
    author: rssAuthor(el) ?? ctx.feedAuthor,
    publishedRaw,
    published: parseFeedDate(publishedRaw),
    inReplyTo: inReplyTo(el),
    replies: replyCount(el),
    lang: langOf(el) ?? ctx.lang,
    raw: rawFields(el),
  };
}

function readAtomEntry(el: XmlElement, ctx: Context): FeedEntry {
  const base = baseOf(el, ctx.base);
  const url = atomLink(el, base);
  const titleEl = child(el, 'title');
  const title = titleEl ? plainTitle(textConstruct(titleEl, 'text')) : null;
  const contentEl = child(el, 'content');
  const bodyEl =
    (contentEl && !contentEl.attrs.src ? nonEmpty(contentEl) : undefined) ??
    nonEmpty(child(el, 'summary')) ??
    nonEmpty(child(el, 'encoded', [CONTENT]));
  const body = bodyEl
    ? plainText(textConstruct(bodyEl, 'text'), baseOf(bodyEl, url ?? base))
    : emptyBody;
  const dateEl =
    child(el, 'published') ??
    child(el, 'issued') ??
    child(el, 'created') ??
    child(el, 'updated') ??
    child(el, 'modified') ??
    child(el, 'date', [DC]);
  const publishedRaw = text(dateEl);
  const source = child(el, 'source');
  return {
    id: text(child(el, 'id')) ?? url,
    url,
    title,
    text: body.text,
    links: body.links,
    author: atomAuthor(el) ?? (source ? atomAuthor(source) : null) ?? ctx.feedAuthor,
    publishedRaw,
    published: parseFeedDate(publishedRaw),
    inReplyTo: inReplyTo(el),
    replies: replyCount(el),
    lang: el.attrs['xml:lang'] ?? ctx.lang,
    raw: rawFields(el),
  };
}

const emptyBody = { text: '', links: [] as string[] };

function nonEmpty(el: XmlElement | undefined): XmlElement | undefined {
  if (!el) return undefined;
  return childElements(el).length > 0 || textOf(el).trim() ? el : undefined;
}

function rdfAbout(el: XmlElement): string | null {
  const about = attr(el, 'about');
  return about ? decodeEntities(about).trim() || null : null;
}

/** thr:in-reply-to's ref (the parent's id), else its href. */
function inReplyTo(el: XmlElement): string | null {
  const r = child(el, 'in-reply-to', [THREAD]);
  if (!r) return null;
  const ref = attr(r, 'ref') ?? attr(r, 'href');
  return ref ? decodeEntities(ref).trim() || null : null;
}

/** slash:comments (WordPress RSS), thr:total, or thr:count on rel="replies" links (Atom). */
function replyCount(el: XmlElement): number | null {
  const direct = text(child(el, 'comments', [SLASH])) ?? text(child(el, 'total', [THREAD]));
  if (direct !== null) return countOf(direct);
  let sum: number | null = null;
  for (const link of children(el, 'link')) {
    if (link.attrs.rel !== 'replies') continue;
    const n = countOf(attr(link, 'count'));
    if (n !== null) sum = (sum ?? 0) + n;
  }
  return sum;
}

function countOf(value: string | null): number | null {
  const n = Number(value);
  return value !== null && value.trim() !== '' && Number.isFinite(n)
    ? Math.max(0, Math.trunc(n))
    : null;
}

function person(
  name: string | null,
  email: string | null,
  url: string | null,
): FeedEntry['author'] {
  const n = name?.replace(/\s+/g, ' ').trim() || null;
  const e = email?.trim() || null;
  if (!n && !e) return null;
  return { name: n ?? e!, email: e, url };
}

function atomAuthor(el: XmlElement): FeedEntry['author'] {
  for (const a of [...children(el, 'author'), ...children(el, 'creator', [DC])]) {
    if (a.ns === DC) return person(text(a), null, null);
    const p = person(text(child(a, 'name')), text(child(a, 'email')), text(child(a, 'uri')));
    if (p) return p;
  }
  return null;
}

/** dc:creator, then <author> ("jo@example.com (Jo Doe)" or a name), then itunes:author. */
function rssAuthor(el: XmlElement): FeedEntry['author'] {
  const creator = text(child(el, 'creator', [DC]));
  if (creator) return person(creator, null, null);
  const author = child(el, 'author');
  if (author && author.ns === ATOM) return atomAuthor(el);
  const raw = text(author);
  if (raw) return contact(raw);
  const itunes = text(child(el, 'author', [ITUNES]));
  return itunes ? person(itunes, null, null) : null;
}

function rssFeedAuthor(el: XmlElement): FeedEntry['author'] {
  const creator = text(child(el, 'creator', [DC])) ?? text(child(el, 'author', [ITUNES]));
  if (creator) return person(creator, null, null);
  const editor = text(child(el, 'managingEditor'));
  return editor ? contact(editor) : null;
}

/** "jo@example.com (Jo Doe)", "Jo Doe <jo@example.com>" or a bare name or address. */
function contact(raw: string): FeedEntry['author'] {
  const paren = /^(\S+@\S+)\s*\((.+)\)$/.exec(raw);
  if (paren) return person(paren[2]!, paren[1]!, null);
  const angle = /^(.+?)\s*<(\S+@\S+)>$/.exec(raw);
  if (angle) return person(angle[1]!, angle[2]!, null);
  return /^\S+@\S+$/.test(raw) ? person(null, raw, null) : person(raw, null, null);
}

/** The item's simple fields by name, as text: enough to see what the feed said. */
function rawFields(el: XmlElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of childElements(el)) {
    if (c.name in out) continue;
    const value = childElements(c).length === 0 ? textOf(c).trim() : undefined;
    const attrs = Object.keys(c.attrs).length ? c.attrs : undefined;
    if (value || attrs) out[c.name] = attrs ? { ...(value ? { value } : {}), ...attrs } : value;
  }
  return out;
}
