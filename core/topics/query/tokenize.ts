import { foldText } from './fold.js';

/**
 * The one tokeniser for documents and query terms, so both sides always agree.
 *
 * - Text is folded first (case, accents, ligatures, curly apostrophes; see fold.ts).
 * - Words are runs of letters and digits; any other character separates them, so `e-mail`
 *   gives `e`, `mail` and a query term `e-mail` becomes the phrase "e mail".
 * - French elisions are dropped: l'app → app, d'abonnement → abonnement, qu'il → il.
 *   An English possessive is dropped: orange's → orange. Any other apostrophe is removed:
 *   aujourd'hui → aujourdhui, don't → dont (so "dont" typed without it matches too).
 * - `#tag` gives a hashtag token `tag`; `@handle` (and `@handle@instance` on Mastodon) gives a
 *   mention token `handle`. Underscores are kept inside both. `bob@acme.com` is not a mention.
 * - Emoji and other symbols are not tokens.
 */

export const TOKEN_WORD = 0;
export const TOKEN_HASHTAG = 1;
export const TOKEN_MENTION = 2;
export type TokenKind = typeof TOKEN_WORD | typeof TOKEN_HASHTAG | typeof TOKEN_MENTION;

export interface Token {
  text: string;
  kind: TokenKind;
}

const ELISIONS = new Set([
  'l',
  'd',
  'j',
  'm',
  'n',
  's',
  't',
  'c',
  'qu',
  'jusqu',
  'lorsqu',
  'puisqu',
  'quoiqu',
]);

const TOKEN_RE =
  /(?<![\p{L}\p{N}_])@([\p{L}\p{N}_]+)(?:@[\p{L}\p{N}_.-]+)?|(?<![\p{L}\p{N}_&])#([\p{L}\p{N}_]+)|([\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*)/gu;

/** Drops a French elision and an English possessive, then any remaining apostrophe. */
export function stripApostrophes(word: string): string {
  if (!word.includes("'")) return word;
  const parts = word.split("'");
  if (parts.length > 1 && ELISIONS.has(parts[0]!)) parts.shift();
  if (parts.length > 1 && parts[parts.length - 1] === 's') parts.pop();
  return parts.join('');
}

/** Calls `emit` for each token of `text`, in order. The hot path: no intermediate arrays. */
export function forEachToken(text: string, emit: (text: string, kind: TokenKind) => void): void {
  const folded = foldText(text);
  for (const m of folded.matchAll(TOKEN_RE)) {
    if (m[1] !== undefined) emit(m[1], TOKEN_MENTION);
    else if (m[2] !== undefined) emit(m[2], TOKEN_HASHTAG);
    else emit(stripApostrophes(m[3]!), TOKEN_WORD);
  }
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  forEachToken(text, (t, kind) => out.push({ text: t, kind }));
  return out;
}
