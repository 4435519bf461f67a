/**
 * Tokens of short social text: words (elisions split: "j'ai" → "j'" + "ai"), @mentions, #tags,
 * URLs, emoji and emoticons, numbers, and the punctuation that closes a clause. Each token keeps
 * its offset in the original text, a normalised form (folded, elongations squeezed) and markers.
 * Where tokens start and end: token-scanner.ts.
 */
import { fold } from './fold.js';
import {
  emojiEnd,
  emoticonEnd,
  hashtagEnd,
  isApostrophe,
  mentionEnd,
  numberEnd,
  punctEnd,
  skipEnd,
  urlEnd,
  wordEnd,
} from './token-scanner.js';

export type TokenKind = 'word' | 'mention' | 'hashtag' | 'url' | 'emoji' | 'number' | 'punct';

export interface Token {
  kind: TokenKind;
  /** As written. */
  text: string;
  /** Folded (lower case, no accents), elongations squeezed to two letters. */
  norm: string;
  start: number;
  /** "soooo", "nooon": three or more of the same letter in a row. */
  elongated: boolean;
  /** Written in capitals (three letters or more): shouting. */
  caps: boolean;
  /** Inside the scope of a negation (set by markNegation). */
  negated: boolean;
}

// French elided articles and pronouns: "l'appli", "j'ai", "n'est", "qu'il".
const ELISION_RE = /^(c|d|j|l|m|n|s|t|qu|jusqu|lorsqu|puisqu)['’](?=\p{L})/iu;
const ELONGATED_RE = /(\p{L})\1{2,}/u;
const SQUEEZE_RE = /(\p{L})\1{2,}/gu;

/**
 * Three equal units in a row, or a surrogate pair (an astral letter repeats as a pair): only then
 * can ELONGATED_RE match, so the expression runs on few words.
 */
function mayBeElongated(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
    if (i >= 2 && c === text.charCodeAt(i - 1) && c === text.charCodeAt(i - 2)) return true;
  }
  return false;
}

/** `folded`: fold(text), passed in because the caller has it (fold works unit by unit). */
function makeToken(kind: TokenKind, text: string, start: number, folded: string): Token {
  const elongated = kind === 'word' && mayBeElongated(text) && ELONGATED_RE.test(text);
  const norm = elongated ? folded.replace(SQUEEZE_RE, '$1$1') : folded;
  const caps =
    kind === 'word' && text.length >= 3 && text !== folded && text === text.toUpperCase();
  return { kind, text, norm, start, elongated, caps, negated: false };
}

/** Longest elided head before its apostrophe: "lorsqu", "puisqu". */
const MAX_ELIDED = 6;

/** Length of a leading French elision ("l'" of "l'appli"), 0 without one. */
function elisionLength(word: string): number {
  const last = Math.min(MAX_ELIDED, word.length - 2);
  for (let i = 1; i <= last; i++)
    if (isApostrophe(word.charCodeAt(i))) return ELISION_RE.exec(word)?.[0].length ?? 0;
  return 0;
}

function pushWord(tokens: Token[], text: string, folded: string, start: number, end: number): void {
  const word = text.slice(start, end);
  const head = elisionLength(word);
  if (head === 0) {
    tokens.push(makeToken('word', word, start, folded.slice(start, end)));
    return;
  }
  tokens.push(makeToken('word', word.slice(0, head), start, folded.slice(start, start + head)));
  pushWord(tokens, text, folded, start + head, end);
}

/** The token of `kind` between `start` and `end` (no closure: this runs for every token). */
function push(
  tokens: Token[],
  kind: TokenKind,
  text: string,
  folded: string,
  start: number,
  end: number,
): void {
  tokens.push(makeToken(kind, text.slice(start, end), start, folded.slice(start, end)));
}

/** `folded`: fold(text) when the caller already has it. */
export function tokenize(text: string, folded: string = fold(text)): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    let end: number;
    if ((end = urlEnd(text, i)) > i) push(tokens, 'url', text, folded, i, end);
    else if ((end = mentionEnd(text, i)) > i) push(tokens, 'mention', text, folded, i, end);
    else if ((end = hashtagEnd(text, i)) > i) push(tokens, 'hashtag', text, folded, i, end);
    else if ((end = emoticonEnd(text, i)) > i) push(tokens, 'emoji', text, folded, i, end);
    else if ((end = wordEnd(text, i)) > i) pushWord(tokens, text, folded, i, end);
    else if ((end = numberEnd(text, i)) > i) push(tokens, 'number', text, folded, i, end);
    else if ((end = emojiEnd(text, i)) > i) push(tokens, 'emoji', text, folded, i, end);
    else if ((end = punctEnd(text, i)) > i) push(tokens, 'punct', text, folded, i, end);
    else end = skipEnd(text, i);
    i = end;
  }
  return tokens;
}
