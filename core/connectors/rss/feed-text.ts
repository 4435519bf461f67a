import { decode } from 'html-entities';
import { htmlToPlainText, type PlainText } from '../shared/html-text.js';
import { childElements, isElement, type XmlElement } from './feed-xml.js';

/**
 * Entity references decoded exactly once: XML's five, numeric ones and the HTML names feeds use
 * although XML does not define them (&nbsp;, &eacute;). A bare "&" stays as it is.
 */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decode(text, { level: 'html5', scope: 'strict' }) : text;
}

/** The character data of an element and its descendants, entities decoded once. */
export function textOf(el: XmlElement): string {
  let out = '';
  for (const child of el.children) {
    if (isElement(child)) out += textOf(child);
    else out += child.cdata ? child.text : decodeEntities(child.text);
  }
  return out;
}

/** The markup inside an element as HTML (Atom xhtml content, markup left unescaped in RSS). */
export function innerMarkup(el: XmlElement): string {
  let out = '';
  for (const child of el.children) {
    if (!isElement(child)) {
      out += child.cdata ? escapeHtml(child.text) : child.text;
      continue;
    }
    const attrs = Object.entries(child.attrs)
      .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
      .map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`)
      .join('');
    out += `<${child.local}${attrs}>${innerMarkup(child)}</${child.local}>`;
  }
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface TextConstruct {
  /** The content as HTML, or as plain text when `html` is false. */
  value: string;
  html: boolean;
}

/**
 * An Atom text construct (RFC 4287 §3.1) or an RSS element: type="text" is plain text, "html"
 * is escaped HTML, "xhtml" is markup inside a div; Atom 0.3's mode="escaped" and MIME types
 * count the same. An RSS element without type holds HTML when it has child elements (markup
 * left unescaped) and otherwise entity-escaped or CDATA HTML, which is how RSS carries it.
 */
export function textConstruct(el: XmlElement, rssDefault: 'html' | 'text'): TextConstruct {
  const type = (el.attrs.type ?? '').trim().toLowerCase();
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    const div = childElements(el).find((c) => c.local === 'div');
    return { value: div ? innerMarkup(div) : innerMarkup(el), html: true };
  }
  const hasMarkup = childElements(el).length > 0;
  if (hasMarkup) return { value: innerMarkup(el), html: true };
  const value = textOf(el);
  if (type === 'text' || type === 'text/plain') return { value, html: false };
  if (type === 'html' || type === 'text/html' || el.attrs.mode === 'escaped') {
    return { value, html: true };
  }
  return { value, html: rssDefault === 'html' };
}

/** A text construct as plain text with its links. */
export function plainText(t: TextConstruct, baseUrl: string | null): PlainText {
  if (!t.html) {
    const text = t.value
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]+/g, ' ')
      .replace(/\n{3,}/g, '\n\n');
    return { text: text.trim(), links: [] };
  }
  return htmlToPlainText(t.value, baseUrl);
}

/**
 * A title as plain text: titles carry no markup, but many feeds put HTML tags or entities in
 * them (escaped or not); those are read as HTML so that no tag is ever shown.
 */
export function plainTitle(t: TextConstruct): string | null {
  const looksHtml = t.html && /<[A-Za-z/!]|&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(t.value);
  const text = looksHtml ? htmlToPlainText(t.value).text : t.value;
  return normalizeSpace(text) || null;
}

function normalizeSpace(s: string): string {
  return s.replace(/[ \t\r\n\u00a0]+/g, ' ').trim();
}
