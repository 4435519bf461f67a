/**
 * Case- and accent-folding shared by listening queries, documents and duplicate detection, so that
 * a query and the text it runs over are always compared in the same form.
 *
 * é → e, Ç → c, œ → oe, æ → ae, ß → ss, ﬁ → fi, full-width letters → ASCII, and every curly or
 * typographic apostrophe (’ ‘ ʼ ´) → '. Marks left by NFKD (accents) are dropped.
 */

// Letters NFKD does not decompose into a base letter plus a mark.
const SPECIAL: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
};

const SPECIAL_RE = /[œæßøđðþłı]/g;
const APOSTROPHES_RE = /[\u2018\u2019\u201B\u02BC\u00B4\u2032\uFF07]/g;
const MARKS_RE = /\p{M}+/gu;
// Upper-case ASCII letters or anything beyond ASCII; the rest is already folded.
const NEEDS_WORK_RE = /[A-Z\u0080-\uFFFF]/;

/** Lower-cases and strips accents and ligatures; see the module comment for the exact rules. */
export function foldText(text: string): string {
  if (!NEEDS_WORK_RE.test(text)) return text;
  return text
    .toLowerCase()
    .replace(APOSTROPHES_RE, "'")
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
    .normalize('NFKD')
    .replace(MARKS_RE, '');
}
