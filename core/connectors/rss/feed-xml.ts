import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An element with its namespace resolved: `local` is the name without prefix. */
export interface XmlElement {
  /** The name as written, prefix included ("content:encoded"). */
  name: string;
  local: string;
  ns: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

/** Text is kept as written: entity references are decoded later, exactly once (see feed-text). */
export type XmlNode = XmlElement | { text: string; cdata: boolean };

export interface ParsedXml {
  root: XmlElement | null;
  warnings: string[];
}

// processEntities off: the parser would decode &amp; but not &#233;, and a second pass over
// its output could not tell "&amp;lt;" from "&lt;". Text is decoded once, by feed-text.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
});

/**
 * Parses a feed the way mainstream readers do: whatever comes before the first tag (blank lines,
 * a stray byte-order mark, text) is dropped; an XML declaration after a comment is ignored;
 * characters XML forbids are removed; a document the strict validator rejects (an unclosed or
 * mismatched tag, a bare "&") is still read by the lenient parser. Each slip is a warning.
 */
export function parseXml(text: string): ParsedXml {
  const warnings: string[] = [];
  let xml = text;
  const start = xml.search(/<[?!A-Za-z]/);
  if (start > 0) {
    const skipped = xml.slice(0, start);
    warnings.push(
      /^[\s\uFEFF]*$/.test(skipped)
        ? `${describeLeading(skipped)} before the first tag`
        : `${skipped.length} characters of text before the first tag`,
    );
    xml = xml.slice(start);
  }
  const late = /^(?:\s*<!--[\s\S]*?-->)+\s*(<\?xml\s[^?]*\?>)/.exec(xml);
  if (late) warnings.push('the XML declaration comes after a comment');
  if (INVALID_CHARS.test(xml)) {
    warnings.push('characters that XML forbids (control characters) were removed');
    xml = xml.replace(INVALID_CHARS_ALL, '');
  }
  const check = XMLValidator.validate(xml, { allowBooleanAttributes: true });
  if (check !== true) {
    warnings.push(
      `not well-formed XML at line ${check.err.line}, column ${check.err.col} (${check.err.msg}); read leniently`,
    );
  }
  let raw: unknown[];
  try {
    raw = parser.parse(xml) as unknown[];
  } catch {
    // Cut off or with crossed tags: close what is open, drop closing tags that match nothing.
    const repaired = repairTags(xml);
    try {
      raw = parser.parse(repaired.xml) as unknown[];
      warnings.push(...repaired.notes);
    } catch (err) {
      warnings.push(`the XML could not be read (${err instanceof Error ? err.message : err})`);
      return { root: null, warnings };
    }
  }
  const top = toNodes(raw, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
  const root = top.find((n): n is XmlElement => 'local' in n) ?? null;
  return { root, warnings };
}

// eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
const INVALID_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const INVALID_CHARS_ALL = new RegExp(INVALID_CHARS.source, 'g');

// Comments, CDATA sections, processing instructions and declarations, or a tag.
const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][^>]*>|<(\/?)([A-Za-z_][\w:.-]*)(?:\s[^>]*?)?(\/?)>/g;

/**
 * What a recovering parser does with a broken document: a tag cut at the end is dropped, a
 * closing tag that matches no open element is dropped, one that matches an outer element
 * closes the inner ones first, and the elements still open at the end are closed.
 */
function repairTags(input: string): { xml: string; notes: string[] } {
  let xml = input;
  const notes: string[] = [];
  const cut = xml.lastIndexOf('<');
  if (cut > xml.lastIndexOf('>')) {
    xml = xml.slice(0, cut);
    notes.push('the document ends in the middle of a tag (cut off); read up to there');
  }
  const stack: string[] = [];
  let out = '';
  let last = 0;
  let dropped = 0;
  for (const m of xml.matchAll(TOKEN)) {
    const [token, slash, name, selfClosing] = m;
    out += xml.slice(last, m.index);
    last = m.index + token.length;
    if (!name || selfClosing) {
      out += token;
    } else if (!slash) {
      stack.push(name);
      out += token;
    } else if (stack.includes(name)) {
      while (stack.length && stack.at(-1) !== name) out += `</${stack.pop()}>`;
      stack.pop();
      out += token;
    } else {
      dropped += 1;
    }
  }
  out += xml.slice(last);
  if (dropped) notes.push(`${dropped} closing tags that matched no open element were dropped`);
  if (stack.length) {
    notes.push(`${stack.length} elements left open at the end were closed`);
    while (stack.length) out += `</${stack.pop()}>`;
  }
  return { xml: out, notes };
}

function describeLeading(s: string): string {
  const parts: string[] = [];
  if (s.includes('\uFEFF')) parts.push('a byte-order mark');
  if (/\n/.test(s)) parts.push('blank lines');
  else if (/\s/.test(s)) parts.push('whitespace');
  return parts.join(' and ') || 'whitespace';
}

type RawNode = Record<string, unknown>;

function toNodes(raw: unknown[], scope: Map<string, string>): XmlNode[] {
  const out: XmlNode[] = [];
  for (const item of raw) {
    const node = item as RawNode;
    for (const key of Object.keys(node)) {
      if (key === ':@' || key === '#comment') continue;
      if (key === '#text') {
        out.push({ text: String(node[key]), cdata: false });
      } else if (key === '#cdata') {
        const inner = node[key] as RawNode[];
        out.push({ text: inner.map((n) => String(n['#text'] ?? '')).join(''), cdata: true });
      } else if (!key.startsWith('?') && !key.startsWith('!')) {
        out.push(toElement(key, node[key] as unknown[], (node[':@'] as RawNode) ?? {}, scope));
      }
    }
  }
  return out;
}

function toElement(
  name: string,
  children: unknown[],
  rawAttrs: RawNode,
  parentScope: Map<string, string>,
): XmlElement {
  const attrs: Record<string, string> = {};
  let scope = parentScope;
  for (const [key, value] of Object.entries(rawAttrs)) {
    const v = String(value);
    attrs[key] = v;
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (scope === parentScope) scope = new Map(parentScope);
      scope.set(key === 'xmlns' ? '' : key.slice(6), v.trim());
    }
  }
  const colon = name.indexOf(':');
  const prefix = colon >= 0 ? name.slice(0, colon) : '';
  const local = colon >= 0 ? name.slice(colon + 1) : name;
  return {
    name,
    local,
    ns: scope.get(prefix) ?? (prefix ? `urn:undeclared:${prefix}` : ''),
    attrs,
    children: toNodes(Array.isArray(children) ? children : [], scope),
  };
}

export function isElement(node: XmlNode): node is XmlElement {
  return 'local' in node;
}

export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter(isElement);
}

/** An attribute by its local name, whatever its prefix ("thr:count" or "count"). */
export function attr(el: XmlElement, local: string): string | null {
  if (el.attrs[local] !== undefined) return el.attrs[local];
  const key = Object.keys(el.attrs).find((k) => k.endsWith(`:${local}`) && !k.startsWith('xmlns'));
  return key ? el.attrs[key]! : null;
}
