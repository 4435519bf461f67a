import type { Token } from '../text/tokenize.js';

/** The word a token stands for: handles, links and numbers collapse to placeholders. */
export function wordOf(t: Token): string {
  switch (t.kind) {
    case 'mention':
      return '@user';
    case 'url':
      return '<url>';
    case 'number':
      return '<num>';
    case 'hashtag':
      return t.norm.slice(1);
    default:
      return t.norm;
  }
}
