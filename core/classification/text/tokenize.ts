/**
 * Tokens of short social text: words (elisions split: "j'ai" → "j'" + "ai"), @mentions, #tags,
 * URLs, emoji and emoticons, numbers, and the punctuation that closes a clause. Each token keeps
 * its offset in the original text, a normalised form (folded, elongations squeezed) and markers.
 */
import { fold } from './fold.js';

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

// Order matters: URLs before words, emoticons before punctuation.
const TOKEN_RE = new RegExp(
  [
    '(?<url>https?:\\/\\/\\S+|www\\.\\S+)',
    '(?<mention>@\\w+)',
    '(?<hashtag>#[\\p{L}\\p{N}_]+)',
    "(?<emoticon>[:;=]-?[()DPp\\/]|<3|:'\\()",
    "(?<word>[\\p{L}\\p{M}]+(?:['’][\\p{L}\\p{M}]+)*)",
    '(?<number>\\p{N}+(?:[.,]\\p{N}+)*)',
    '(?<emoji>\\p{Extended_Pictographic}(?:\\u200d\\p{Extended_Pictographic})*)',
    '(?<punct>[!?.,;:]+|[…«»"()])',
  ].join('|'),
  'gu',
);

// French elided articles and pronouns: "l'appli", "j'ai", "n'est", "qu'il".
const ELISION_RE = /^(c|d|j|l|m|n|s|t|qu|jusqu|lorsqu|puisqu)['’](?=\p{L})/iu;
const ELONGATED_RE = /(\p{L})\1{2,}/u;
const SQUEEZE_RE = /(\p{L})\1{2,}/gu;

function makeToken(kind: TokenKind, text: string, start: number): Token {
  const folded = fold(text);
  const elongated = kind === 'word' && ELONGATED_RE.test(text);
  const norm = elongated ? folded.replace(SQUEEZE_RE, '$1$1') : folded;
  const caps =
    kind === 'word' && text.length >= 3 && text === text.toUpperCase() && text !== folded;
  return { kind, text, norm, start, elongated, caps, negated: false };
}

function pushWord(tokens: Token[], text: string, start: number): void {
  const elision = ELISION_RE.exec(text);
  if (!elision) {
    tokens.push(makeToken('word', text, start));
    return;
  }
  const head = elision[0].length;
  tokens.push(makeToken('word', text.slice(0, head), start));
  pushWord(tokens, text.slice(head), start + head);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const g = m.groups ?? {};
    const start = m.index ?? 0;
    if (g.word !== undefined) pushWord(tokens, g.word, start);
    else if (g.emoticon !== undefined) tokens.push(makeToken('emoji', g.emoticon, start));
    else if (g.url !== undefined) tokens.push(makeToken('url', g.url, start));
    else if (g.mention !== undefined) tokens.push(makeToken('mention', g.mention, start));
    else if (g.hashtag !== undefined) tokens.push(makeToken('hashtag', g.hashtag, start));
    else if (g.number !== undefined) tokens.push(makeToken('number', g.number, start));
    else if (g.emoji !== undefined) tokens.push(makeToken('emoji', g.emoji, start));
    else if (g.punct !== undefined) tokens.push(makeToken('punct', g.punct, start));
  }
  return tokens;
}
