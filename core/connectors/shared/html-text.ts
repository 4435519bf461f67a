import { compile } from 'html-to-text';
import type { FormatCallback } from 'html-to-text';

export interface PlainText {
  text: string;
  /** Absolute http(s) links found in the HTML, in order, without duplicates. */
  links: string[];
}

// convert() is synchronous, so one module-level collector cannot interleave between calls.
let collected: string[] = [];

const collectLink: FormatCallback = (elem, walk, builder) => {
  const href = (elem as { attribs?: Record<string, string> }).attribs?.href;
  if (href) collected.push(href);
  walk(elem.children, builder);
};

const toText = compile({
  wordwrap: false,
  decodeEntities: true,
  formatters: { collectLink },
  selectors: [
    { selector: 'a', format: 'collectLink' },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    // Headings in posts are not shouting: keep their case.
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

/** HTML (a post body, a feed item) as plain text, with its links kept as data. */
export function htmlToPlainText(html: string, baseUrl?: string | null): PlainText {
  collected = [];
  const text = toText(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const links = uniqueAbsolute(collected, baseUrl);
  collected = [];
  return { text, links };
}

function uniqueAbsolute(hrefs: string[], baseUrl?: string | null): string[] {
  const out = new Set<string>();
  for (const href of hrefs) {
    const url = absoluteHttpUrl(href, baseUrl);
    if (url) out.add(url);
  }
  return [...out];
}

export function absoluteHttpUrl(href: string, baseUrl?: string | null): string | null {
  try {
    const url = new URL(href.trim(), baseUrl ?? undefined);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
