import { foldText } from '../../topics/query/fold.js';

/**
 * The words that make two posts "the same text" for duplicate grouping: case, accents and
 * ligatures folded; links, @handles, punctuation, emoji and spacing dropped; hashtags kept as
 * words (a repost often turns `Acme` into `#Acme`); a leading RT/MT and a trailing "via"/"cc"
 * left by reposting removed.
 */

// Scheme or www links, and bare domain links with a path (t.co/…, pic.twitter.com/…).
const URL_RE = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/\S*/gi;
const HANDLE_RE = /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]+(?:@[\p{L}\p{N}_.-]+)?/gu;
const WORD_RE = /[\p{L}\p{N}]+/gu;
const LEADING = new Set(['rt', 'mt']);
const TRAILING = new Set(['via', 'cc']);

export function duplicateWords(text: string): string[] {
  const stripped = text.replace(URL_RE, ' ').replace(HANDLE_RE, ' ');
  const words = foldText(stripped).match(WORD_RE) ?? [];
  while (words.length > 0 && LEADING.has(words[0]!)) words.shift();
  while (words.length > 0 && TRAILING.has(words[words.length - 1]!)) words.pop();
  return words;
}

/** The normalised text: the words above joined by single spaces. */
export function normalizeForDuplicates(text: string): string {
  return duplicateWords(text).join(' ');
}
