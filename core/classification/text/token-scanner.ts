/**
 * Where the tokens of a text start and end (tokenize.ts builds the tokens). A hand-written
 * scanner of this grammar, whose alternatives are tried in this order at each code point (the
 * first that matches wins; a code point that starts none is skipped):
 *   url       https?:\/\/\S+ | www\.\S+
 *   mention   @\w+
 *   hashtag   #[\p{L}\p{N}_]+
 *   emoticon  [:;=]-?[()DPp\/] | <3 | :'\(
 *   word      [\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*
 *   number    \p{N}+(?:[.,]\p{N}+)*
 *   emoji     \p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic})*
 *   punct     [!?.,;:]+ | […«»"()]
 * Each function gives the end of its alternative's match at `i`, or `i` when it does not match.
 * The scanner splits text as that one regular expression (`u` flag) does, and tokenizing takes
 * less than half the time (7.2 → 3.2 µs a bench tweet, named groups and a fold per token
 * included); fast-paths.test.ts compares the two on random text.
 */
import {
  charClass,
  codePointAt,
  LETTER,
  MARK,
  NUMBER,
  PICTOGRAPHIC,
  SPACE,
  width,
} from './char-class.js';

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const ZWJ = 0x200d;

/** End of the run of code points in `classes` from `i`. */
function runEnd(s: string, i: number, classes: number): number {
  while (i < s.length) {
    const cp = codePointAt(s, i);
    if ((charClass(cp) & classes) === 0) break;
    i += width(cp);
  }
  return i;
}

function isClass(s: string, i: number, classes: number): boolean {
  return i < s.length && (charClass(codePointAt(s, i)) & classes) !== 0;
}

export function urlEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c !== 0x68 && c !== 0x77) return i; // h, w
  const head = s.startsWith('https://', i)
    ? 8
    : s.startsWith('http://', i)
      ? 7
      : s.startsWith('www.', i)
        ? 4
        : 0;
  if (head === 0) return i;
  let j = i + head;
  // Unit by unit: every white-space character is a single UTF-16 unit.
  while (j < s.length && (charClass(s.charCodeAt(j)) & SPACE) === 0) j++;
  return j > i + head ? j : i;
}

function isAsciiWordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f
  );
}

export function mentionEnd(s: string, i: number): number {
  if (s.charCodeAt(i) !== 0x40) return i;
  let j = i + 1;
  while (j < s.length && isAsciiWordChar(s.charCodeAt(j))) j++;
  return j > i + 1 ? j : i;
}

export function hashtagEnd(s: string, i: number): number {
  if (s.charCodeAt(i) !== 0x23) return i;
  let j = i + 1;
  while (j < s.length) {
    const cp = codePointAt(s, j);
    if (cp !== 0x5f && (charClass(cp) & (LETTER | NUMBER)) === 0) break;
    j += width(cp);
  }
  return j > i + 1 ? j : i;
}

function isMouth(c: number): boolean {
  // ( ) D P p /
  return c === 0x28 || c === 0x29 || c === 0x44 || c === 0x50 || c === 0x70 || c === 0x2f;
}

export function emoticonEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 0x3a || c === 0x3b || c === 0x3d) {
    if (s.charCodeAt(i + 1) === 0x2d && isMouth(s.charCodeAt(i + 2))) return i + 3;
    if (isMouth(s.charCodeAt(i + 1))) return i + 2;
  }
  if (c === 0x3c && s.charCodeAt(i + 1) === 0x33) return i + 2;
  if (c === 0x3a && s.charCodeAt(i + 1) === APOSTROPHE && s.charCodeAt(i + 2) === 0x28)
    return i + 3;
  return i;
}

/** A run of the class, then any number of (separator, run of the class). */
function joinedRunEnd(
  s: string,
  i: number,
  classes: number,
  isSeparator: (c: number) => boolean,
): number {
  if (!isClass(s, i, classes)) return i;
  let j = runEnd(s, i, classes);
  while (j < s.length && isSeparator(s.charCodeAt(j)) && isClass(s, j + 1, classes))
    j = runEnd(s, j + 1, classes);
  return j;
}

export function isApostrophe(c: number): boolean {
  return c === APOSTROPHE || c === RIGHT_QUOTE;
}

function isDecimalMark(c: number): boolean {
  return c === 0x2e || c === 0x2c;
}

export function emojiEnd(s: string, i: number): number {
  if (!isClass(s, i, PICTOGRAPHIC)) return i;
  let j = i + width(codePointAt(s, i));
  while (s.charCodeAt(j) === ZWJ && isClass(s, j + 1, PICTOGRAPHIC))
    j += 1 + width(codePointAt(s, j + 1));
  return j;
}

function isClauseMark(c: number): boolean {
  // ! ? . , ; :
  return c === 0x21 || c === 0x3f || c === 0x2e || c === 0x2c || c === 0x3b || c === 0x3a;
}

export function punctEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && isClauseMark(s.charCodeAt(j))) j++;
  if (j > i) return j;
  const c = s.charCodeAt(i);
  // … « » " ( )
  const single = c === 0x2026 || c === 0xab || c === 0xbb || c === 0x22 || c === 0x28 || c === 0x29;
  return single ? i + 1 : i;
}

export function wordEnd(s: string, i: number): number {
  return joinedRunEnd(s, i, LETTER | MARK, isApostrophe);
}

export function numberEnd(s: string, i: number): number {
  return joinedRunEnd(s, i, NUMBER, isDecimalMark);
}

/** Past the code point at `i`, which starts no token. */
export function skipEnd(s: string, i: number): number {
  return i + width(codePointAt(s, i));
}
