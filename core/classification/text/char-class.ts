/**
 * Unicode classes of code points, as the tokenizer's regular expressions see them (`\p{L}`,
 * `\p{M}`, `\p{N}`, `\p{Extended_Pictographic}`, `\s` with the `u` flag). Each class is computed
 * once per code point with those very expressions, so a hand-written scanner reading these
 * classes splits a text exactly where the expressions would.
 */
export const LETTER = 1;
export const MARK = 2;
export const NUMBER = 4;
export const PICTOGRAPHIC = 8;
export const SPACE = 16;
/** Set on every computed entry, so 0 means "not computed yet". */
const KNOWN = 128;

const bmp = new Uint8Array(0x10000);
const astral = new Map<number, number>();

function compute(cp: number): number {
  const s = String.fromCodePoint(cp);
  let flags = KNOWN;
  if (/\p{L}/u.test(s)) flags |= LETTER;
  if (/\p{M}/u.test(s)) flags |= MARK;
  if (/\p{N}/u.test(s)) flags |= NUMBER;
  if (/\p{Extended_Pictographic}/u.test(s)) flags |= PICTOGRAPHIC;
  if (/\s/u.test(s)) flags |= SPACE;
  return flags;
}

/** The class flags of a code point (a lone surrogate is a code point of its own, in no class). */
export function charClass(cp: number): number {
  if (cp < 0x10000) {
    let flags = bmp[cp] as number;
    if (flags === 0) bmp[cp] = flags = compute(cp);
    return flags;
  }
  let flags = astral.get(cp);
  if (flags === undefined) astral.set(cp, (flags = compute(cp)));
  return flags;
}

/** The code point at `i`, reading a surrogate pair as one, as the `u` flag does. */
export function codePointAt(s: string, i: number): number {
  const hi = s.charCodeAt(i);
  if (hi < 0xd800 || hi > 0xdbff || i + 1 >= s.length) return hi;
  const lo = s.charCodeAt(i + 1);
  return lo >= 0xdc00 && lo <= 0xdfff ? (hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000 : hi;
}

/** UTF-16 length of a code point. */
export function width(cp: number): number {
  return cp >= 0x10000 ? 2 : 1;
}
