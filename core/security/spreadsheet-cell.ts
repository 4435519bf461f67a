/** A value as it goes into one cell of an exported file. */
export type SpreadsheetCell = string | number | boolean | null;

/**
 * Characters a spreadsheet may read as the start of a formula (CSV injection): = + - @ in ASCII,
 * in full width (＝ ＋ － ＠, which LibreOffice folds to ASCII under common import options) and
 * in small form (﹦ ﹢ ﹣ ﹫), and the minus sign.
 */
const FORMULA_CHARACTERS = '=+\\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212';

/**
 * What an importer may drop before it reads a cell: any white space (space, tab, CR, LF,
 * no-break and ideographic spaces, the byte-order mark), other control characters and the
 * zero-width characters. A cell whose first character after these is a formula character is
 * dangerous, whatever the importer trims.
 */
const FORMULA_START = new RegExp(
  `^[\\s\\u0000-\\u001F\\u007F-\\u009F\\u200B-\\u200D\\u2060]*[${FORMULA_CHARACTERS}]`,
  'u',
);

/** OWASP's list also has a leading tab or carriage return, whatever follows: kept. */
const CONTROL_START = /^[\t\r]/;

/**
 * Makes a cell inert for spreadsheets, the one function every export uses: a cell whose first
 * non-blank character could start a formula gets a leading apostrophe, which spreadsheets show
 * as "text follows" (OWASP's advice); everything else is written as it is. Écoute's numeric
 * metrics are never negative, so numbers are untouched.
 */
export function neutraliseCell(value: SpreadsheetCell): string {
  if (value === null) return '';
  const text = String(value);
  return FORMULA_START.test(text) || CONTROL_START.test(text) ? `'${text}` : text;
}
