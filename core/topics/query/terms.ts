import type { Atom, FieldName, FieldNode, PhraseNode, TermNode } from './ast.js';
import { foldText } from './fold.js';
import { QUERY_LIMITS } from './limits.js';
import { QueryError } from './query-error.js';
import { forEachToken } from './tokenize.js';

/**
 * Turns the words, phrases and field values of a query into atoms, with the same tokeniser as the
 * documents: a bare `e-mail` becomes the phrase "e mail", `l'appli` the term `appli`.
 */

const KIND = ['any', 'hashtag', 'mention'] as const;

/** The atoms of one whitespace-free chunk; a trailing `*` makes the last one a prefix. */
function chunkAtoms(raw: string, position: number): Atom[] {
  const star = raw.indexOf('*');
  const prefix = star !== -1;
  if (prefix && star !== raw.length - 1) {
    throw new QueryError(
      position + star,
      `the wildcard * is only allowed at the end of a term, at position ${position + star}`,
    );
  }
  const atoms: Atom[] = [];
  forEachToken(prefix ? raw.slice(0, -1) : raw, (text, kind) =>
    atoms.push({ text, kind: KIND[kind], prefix: false }),
  );
  const last = atoms[atoms.length - 1];
  if (!last) {
    throw new QueryError(
      position,
      `'${raw}' at position ${position} has no letters or digits to match`,
    );
  }
  if (prefix) {
    if ([...last.text].length < QUERY_LIMITS.minPrefixLength) {
      throw new QueryError(
        position,
        `a prefix needs at least ${QUERY_LIMITS.minPrefixLength} letters before *, at position ${position}`,
      );
    }
    last.prefix = true;
  }
  return atoms;
}

function toNode(atoms: Atom[], position: number): TermNode | PhraseNode {
  if (atoms.length > QUERY_LIMITS.maxPhraseWords) {
    throw new QueryError(
      position,
      `a phrase has more than ${QUERY_LIMITS.maxPhraseWords} words, at position ${position}`,
    );
  }
  if (atoms.length === 1) return { type: 'term', atom: atoms[0]!, position };
  return { type: 'phrase', atoms, position };
}

/** A bare word of the query. */
export function wordNode(raw: string, position: number): TermNode | PhraseNode {
  return toNode(chunkAtoms(raw, position), position);
}

/** Several bare words read as one phrase (a comma-separated keyword list). */
export function wordsPhraseNode(words: { raw: string; position: number }[]): TermNode | PhraseNode {
  const atoms = words.flatMap((w) => chunkAtoms(w.raw, w.position));
  return toNode(atoms, words[0]!.position);
}

/** Quoted text: `raw` is what lies between the quotes, `position` the opening quote. */
export function phraseNode(raw: string, position: number): TermNode | PhraseNode {
  const atoms: Atom[] = [];
  for (const m of raw.matchAll(/\S+/g)) atoms.push(...chunkAtoms(m[0], position + 1 + m.index));
  if (atoms.length === 0) throw new QueryError(position, `empty phrase at position ${position}`);
  return toNode(atoms, position);
}

const LANG_RE = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/;

export function fieldNode(
  field: FieldName,
  rawValue: string,
  position: number,
  valuePosition: number,
): FieldNode {
  let value = foldText(rawValue.trim());
  const prefix = value.endsWith('*');
  if (prefix) value = value.slice(0, -1);
  if (value.includes('*')) {
    throw new QueryError(
      valuePosition,
      `the wildcard * is only allowed at the end of a value, at position ${valuePosition}`,
    );
  }
  if (field === 'author') value = value.replace(/^@/, '');
  if (field === 'lang') {
    value = value.replace(/_/g, '-');
    if (prefix || !LANG_RE.test(value)) {
      throw new QueryError(
        valuePosition,
        `lang: expects a language code such as fr or en-GB, not '${rawValue}', at position ${valuePosition}`,
      );
    }
  }
  if (value === '') {
    throw new QueryError(
      valuePosition,
      `expected a value after ${field}: at position ${valuePosition}`,
    );
  }
  return { type: 'field', field, value, prefix, position };
}
