import type { Atom, FieldNode, NearNode, PhraseNode, ProximityNode, TermNode } from './ast.js';
import { describeAtom, describeQuery } from './describe.js';
import { type PreparedDocument, SEPARATOR } from './document.js';

/**
 * How each leaf of a query is looked up in a prepared document. Exact terms are one Map lookup;
 * prefixes scan the document's distinct tokens (a tweet has a few dozen).
 */

const KIND_CODE = { any: -1, hashtag: 1, mention: 2 } as const;

function kindAt(atom: Atom, doc: PreparedDocument, positions: readonly number[]): boolean {
  const code = KIND_CODE[atom.kind];
  if (code === -1) return true;
  for (const p of positions) if (doc.kinds[p] === code) return true;
  return false;
}

export function termMatches(atom: Atom, doc: PreparedDocument): boolean {
  if (!atom.prefix) {
    const positions = doc.index.get(atom.text);
    return positions !== undefined && kindAt(atom, doc, positions);
  }
  for (const [token, positions] of doc.index) {
    if (token.startsWith(atom.text) && kindAt(atom, doc, positions)) return true;
  }
  return false;
}

function atomAt(atom: Atom, doc: PreparedDocument, p: number): boolean {
  const kind = doc.kinds[p];
  if (kind === undefined || kind === SEPARATOR) return false;
  const code = KIND_CODE[atom.kind];
  if (code !== -1 && kind !== code) return false;
  const token = doc.tokens[p]!;
  return atom.prefix ? token.startsWith(atom.text) : token === atom.text;
}

/** Positions where `atom` occurs, ascending. */
function positionsOf(atom: Atom, doc: PreparedDocument): number[] {
  if (!atom.prefix) {
    const positions = doc.index.get(atom.text) ?? [];
    return atom.kind === 'any'
      ? (positions as number[])
      : positions.filter((p) => atomAt(atom, doc, p));
  }
  const out: number[] = [];
  for (let p = 0; p < doc.tokens.length; p++) if (atomAt(atom, doc, p)) out.push(p);
  return out;
}

/** Start positions of every occurrence of the phrase. */
export function phraseStarts(atoms: Atom[], doc: PreparedDocument, first = false): number[] {
  const out: number[] = [];
  for (const start of positionsOf(atoms[0]!, doc)) {
    let ok = true;
    for (let i = 1; ok && i < atoms.length; i++) ok = atomAt(atoms[i]!, doc, start + i);
    if (!ok) continue;
    out.push(start);
    if (first) break;
  }
  return out;
}

export function fieldMatches(node: FieldNode, doc: PreparedDocument): boolean {
  switch (node.field) {
    case 'author':
      return authorMatches(node, doc.author);
    case 'lang':
      return (
        doc.lang !== null && (doc.lang === node.value || doc.lang.startsWith(`${node.value}-`))
      );
    case 'source':
      return valueMatches(node, doc.source) || valueMatches(node, doc.platform);
    case 'platform':
      return valueMatches(node, doc.platform);
  }
}

function valueMatches(node: FieldNode, value: string | null): boolean {
  if (value === null) return false;
  return node.prefix ? value.startsWith(node.value) : value === node.value;
}

/** `author:alice` matches alice, @alice and alice@mastodon.social; with an @instance, exactly. */
function authorMatches(node: FieldNode, author: string | null): boolean {
  if (author === null) return false;
  if (valueMatches(node, author)) return true;
  const at = author.indexOf('@');
  return at > 0 && !node.value.includes('@') && valueMatches(node, author.slice(0, at));
}

interface Span {
  start: number;
  end: number;
  label: string;
}

function spans(node: ProximityNode, doc: PreparedDocument, out: Span[] = []): Span[] {
  if (node.type === 'or') {
    for (const child of node.children) spans(child, doc, out);
    return out;
  }
  if (node.type === 'term') {
    const label = describeAtom(node.atom);
    for (const p of positionsOf(node.atom, doc)) out.push({ start: p, end: p, label });
    return out;
  }
  const label = describeQuery(node);
  const last = node.atoms.length - 1;
  for (const p of phraseStarts(node.atoms, doc)) out.push({ start: p, end: p + last, label });
  return out;
}

/** Cheap pre-check so NEAR only builds spans when both sides occur at all. */
export function occurs(
  node: ProximityNode | TermNode | PhraseNode,
  doc: PreparedDocument,
): boolean {
  if (node.type === 'term') return termMatches(node.atom, doc);
  if (node.type === 'phrase') return phraseStarts(node.atoms, doc, true).length > 0;
  return node.children.some((c) => occurs(c, doc));
}

/**
 * The first pair of non-overlapping occurrences, in the same part (title or text), with at most
 * `distance` other words between them, in either order; null when there is none.
 */
export function nearPair(node: NearNode, doc: PreparedDocument): [Span, Span] | null {
  if (!occurs(node.left, doc) || !occurs(node.right, doc)) return null;
  const right = spans(node.right, doc);
  for (const a of spans(node.left, doc)) {
    for (const b of right) {
      const [first, second] = a.start <= b.start ? [a, b] : [b, a];
      const between = second.start - first.end - 1;
      if (between < 0 || between > node.distance) continue;
      if (first.start < doc.textStart !== second.start < doc.textStart) continue;
      return [a, b];
    }
  }
  return null;
}
