import type { QueryNode } from './ast.js';
import { describeQuery } from './describe.js';
import {
  type MatchableDocument,
  type PreparedDocument,
  isPreparedDocument,
  prepareDocument,
} from './document.js';
import { fieldMatches, nearPair, phraseStarts, termMatches } from './leaves.js';
import { parseQuery } from './parser.js';

type Matcher = (doc: PreparedDocument) => boolean;

export interface QueryMatch {
  matched: boolean;
  /** The terms, phrases, fields and NEAR pairs that made it match, in query order; [] otherwise. */
  terms: string[];
}

/** A listening query parsed once, to be evaluated against many documents. */
export interface CompiledQuery {
  /** The query as written. */
  readonly text: string;
  readonly ast: QueryNode;
  /** Normalised form; see describeQuery. */
  readonly description: string;
  /** Whether it matches, without the evidence: the fast path for counting. */
  test(doc: MatchableDocument | PreparedDocument): boolean;
  /** Whether it matches, and why. */
  match(doc: MatchableDocument | PreparedDocument): QueryMatch;
}

/** Parses and compiles a query; throws QueryError (position, reason) when it is not valid. */
export function compileQuery(text: string): CompiledQuery {
  const ast = parseQuery(text);
  const matcher = compileNode(ast);
  const prepared = (doc: MatchableDocument | PreparedDocument) =>
    isPreparedDocument(doc) ? doc : prepareDocument(doc);
  return {
    text,
    ast,
    description: describeQuery(ast),
    test: (doc) => matcher(prepared(doc)),
    match(doc) {
      const p = prepared(doc);
      if (!matcher(p)) return { matched: false, terms: [] };
      const terms: string[] = [];
      collect(ast, p, terms);
      return { matched: true, terms: [...new Set(terms)] };
    },
  };
}

// Cheaper checks first inside AND, so a miss is found with the least work.
const COST: Record<QueryNode['type'], number> = {
  field: 0,
  term: 1,
  phrase: 2,
  near: 3,
  not: 4,
  and: 4,
  or: 4,
};

function compileNode(node: QueryNode): Matcher {
  switch (node.type) {
    case 'term': {
      const { atom } = node;
      if (atom.kind === 'any' && !atom.prefix) return (doc) => doc.index.has(atom.text);
      return (doc) => termMatches(atom, doc);
    }
    case 'phrase':
      return (doc) => phraseStarts(node.atoms, doc, true).length > 0;
    case 'field':
      return (doc) => fieldMatches(node, doc);
    case 'near':
      return (doc) => nearPair(node, doc) !== null;
    case 'not': {
      const child = compileNode(node.child);
      return (doc) => !child(doc);
    }
    case 'and': {
      const ordered = [...node.children].sort((a, b) => COST[a.type] - COST[b.type]);
      const children = ordered.map(compileNode);
      return (doc) => children.every((m) => m(doc));
    }
    case 'or': {
      const children = node.children.map(compileNode);
      return (doc) => children.some((m) => m(doc));
    }
  }
}

const notMatchers = new WeakMap<QueryNode, Matcher>();

function notMatcher(node: QueryNode): Matcher {
  let matcher = notMatchers.get(node);
  if (!matcher) notMatchers.set(node, (matcher = compileNode(node)));
  return matcher;
}

/** Slow path, run only on a match: evaluates every branch and records what matched. */
function collect(node: QueryNode, doc: PreparedDocument, out: string[]): boolean {
  switch (node.type) {
    case 'term':
    case 'phrase':
    case 'field': {
      const ok =
        node.type === 'term'
          ? termMatches(node.atom, doc)
          : node.type === 'phrase'
            ? phraseStarts(node.atoms, doc, true).length > 0
            : fieldMatches(node, doc);
      if (ok) out.push(describeQuery(node));
      return ok;
    }
    case 'near': {
      const pair = nearPair(node, doc);
      if (pair) out.push(`${pair[0].label} NEAR/${node.distance} ${pair[1].label}`);
      return pair !== null;
    }
    case 'not':
      return !notMatcher(node.child)(doc);
    case 'and': {
      const mark = out.length;
      const ok = node.children.every((c) => collect(c, doc, out));
      if (!ok) out.length = mark;
      return ok;
    }
    case 'or': {
      let ok = false;
      for (const c of node.children) ok = collect(c, doc, out) || ok;
      return ok;
    }
  }
}
