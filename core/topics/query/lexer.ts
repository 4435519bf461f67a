import { QUERY_LIMITS } from './limits.js';
import { QueryError } from './query-error.js';

/**
 * Splits a listening query into tokens, each with its 0-based character offset.
 *
 * Operators are recognised only in capitals (AND, OR, NOT, NEAR/n), as in Brandwatch and
 * Talkwalker; lower-case `and`/`or` are ordinary words. A `-` that starts a word, a phrase or a group is NOT. Quotes
 * may be straight ("…"), curly (“…”) or French guillemets («…»).
 */
export type LexToken =
  | { type: '(' | ')' | ',' | 'AND' | 'OR' | 'NOT' | '-' | 'EOF'; position: number }
  | { type: 'NEAR'; distance: number; position: number; raw: string }
  | { type: 'WORD'; raw: string; position: number }
  | { type: 'PHRASE'; raw: string; position: number }
  | {
      type: 'FIELD';
      name: string;
      value: string;
      quoted: boolean;
      position: number;
      valuePosition: number;
    };

export const KNOWN_FIELDS = ['author', 'lang', 'source', 'platform'] as const;

const CLOSING_QUOTE: Record<string, string> = { '"': '"', '“': '”', '«': '»' };
// Characters that end a bare word.
const WORD_END = /[\s(),"“”«»]/;
const NEAR_RE = /^NEAR(?:\/(.*))?$/;
const FIELD_RE = /^([A-Za-z]+):(.*)$/s;

export function lex(text: string): LexToken[] {
  const tokens: LexToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c, position: i });
      i++;
    } else if (c in CLOSING_QUOTE) {
      const end = closingQuote(text, i);
      tokens.push({ type: 'PHRASE', raw: text.slice(i + 1, end), position: i });
      i = end + 1;
    } else if (c === '-' && /[^\s),-]/.test(text[i + 1] ?? ' ')) {
      tokens.push({ type: '-', position: i });
      i++;
    } else {
      i = lexWord(text, i, tokens);
    }
  }
  tokens.push({ type: 'EOF', position: text.length });
  return tokens;
}

function closingQuote(text: string, open: number): number {
  const opener = text[open]!;
  const closers = opener === '“' ? ['”', '"'] : [CLOSING_QUOTE[opener]!];
  for (let j = open + 1; j < text.length; j++) {
    if (closers.includes(text[j]!)) return j;
  }
  throw new QueryError(open, `unclosed quote opened at ${open}`);
}

function lexWord(text: string, start: number, tokens: LexToken[]): number {
  let end = start;
  while (end < text.length && !WORD_END.test(text[end]!)) end++;
  const raw = text.slice(start, end);
  if (raw === 'AND' || raw === 'OR' || raw === 'NOT') {
    tokens.push({ type: raw, position: start });
    return end;
  }
  const near = NEAR_RE.exec(raw);
  if (near) {
    tokens.push({ type: 'NEAR', distance: nearDistance(near[1], start), position: start, raw });
    return end;
  }
  const field = FIELD_RE.exec(raw);
  if (field && !field[2]!.startsWith('//')) return lexField(text, start, end, field, tokens);
  tokens.push({ type: 'WORD', raw, position: start });
  return end;
}

function nearDistance(digits: string | undefined, position: number): number {
  const n = digits !== undefined && /^\d{1,3}$/.test(digits) ? Number(digits) : NaN;
  if (!(n >= 1 && n <= QUERY_LIMITS.maxNear)) {
    throw new QueryError(
      position,
      `NEAR/n needs a number between 1 and ${QUERY_LIMITS.maxNear} at position ${position}`,
    );
  }
  return n;
}

function lexField(
  text: string,
  start: number,
  end: number,
  match: RegExpExecArray,
  tokens: LexToken[],
): number {
  const name = match[1]!.toLowerCase();
  if (!(KNOWN_FIELDS as readonly string[]).includes(name)) {
    throw new QueryError(
      start,
      `unknown field ${match[1]}: at position ${start} (known fields: ${KNOWN_FIELDS.join(', ')})`,
    );
  }
  const valuePosition = start + name.length + 1;
  let value = match[2]!;
  let quoted = false;
  if (value === '' && text[end] !== undefined && text[end]! in CLOSING_QUOTE) {
    const close = closingQuote(text, end);
    value = text.slice(end + 1, close);
    quoted = true;
    end = close + 1;
  }
  if (value.trim() === '') {
    throw new QueryError(
      valuePosition,
      `expected a value after ${name}: at position ${valuePosition}`,
    );
  }
  tokens.push({ type: 'FIELD', name, value, quoted, position: start, valuePosition });
  return end;
}
