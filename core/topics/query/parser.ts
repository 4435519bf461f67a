import type { FieldName, NotNode, ProximityNode, QueryNode } from './ast.js';
import { type LexToken, lex } from './lexer.js';
import { QUERY_LIMITS } from './limits.js';
import { QueryError } from './query-error.js';
import { fieldNode, phraseNode, wordNode, wordsPhraseNode } from './terms.js';

/**
 * Recursive-descent parser for listening queries (grammar in README, "Listening queries").
 * Precedence, tightest first: NOT (and `-`) > NEAR/n > AND (also implicit, between adjacent
 * terms) > OR > the top-level comma (OR as well, with the keyword-list rule below).
 *
 * Keyword lists: when the query has commas, a comma-separated entry made only of bare words is one
 * phrase, so `acme, acme bank` means `acme OR "acme bank"`. Any other entry is parsed normally.
 */
export function parseQuery(text: string): QueryNode {
  if (text.length > QUERY_LIMITS.maxLength) {
    throw new QueryError(
      QUERY_LIMITS.maxLength,
      `the query is longer than ${QUERY_LIMITS.maxLength} characters`,
    );
  }
  if (text.trim() === '') throw new QueryError(0, 'the query is empty');
  const ast = new Parser(lex(text)).parseQuery();
  const negative = onlyExcludes(ast);
  if (negative !== null) {
    throw new QueryError(
      negative.position,
      `NOT at position ${negative.position} has nothing to exclude from: a query (and each OR ` +
        'alternative) needs a term to match, e.g. acme NOT spam',
    );
  }
  return ast;
}

const STARTS_OPERAND = new Set<LexToken['type']>(['WORD', 'PHRASE', 'FIELD', '(', 'NOT', '-']);

const label = (t: LexToken): string =>
  t.type === 'NEAR' ? t.raw : t.type === 'EOF' ? 'the end' : t.type;

class Parser {
  private i = 0;
  private depth = 0;
  private terms = 0;
  private readonly hasComma: boolean;

  constructor(private readonly tokens: LexToken[]) {
    this.hasComma = tokens.some((t) => t.type === ',');
  }

  private peek(): LexToken {
    return this.tokens[this.i]!;
  }

  private next(): LexToken {
    return this.tokens[this.i++]!;
  }

  parseQuery(): QueryNode {
    const entries = [this.parseEntry(undefined)];
    while (this.peek().type === ',') entries.push(this.parseEntry(this.next()));
    const end = this.peek();
    if (end.type === ')') {
      throw new QueryError(
        end.position,
        `unbalanced parenthesis: ) at position ${end.position} has no matching (`,
      );
    }
    return combine('or', entries);
  }

  private parseEntry(after: LexToken | undefined): QueryNode {
    if (this.hasComma) {
      let j = this.i;
      while (this.tokens[j]!.type === 'WORD') j++;
      const stop = this.tokens[j]!.type;
      if (j - this.i >= 2 && (stop === ',' || stop === 'EOF')) {
        const words = this.tokens.slice(this.i, j) as { raw: string; position: number }[];
        this.i = j;
        this.countTerm(words[0]!.position);
        return wordsPhraseNode(words);
      }
    }
    return this.parseOr(after);
  }

  private parseOr(after: LexToken | undefined): QueryNode {
    const children = [this.parseAnd(after)];
    while (this.peek().type === 'OR') children.push(this.parseAnd(this.next()));
    return combine('or', children);
  }

  private parseAnd(after: LexToken | undefined): QueryNode {
    const children = [this.parseNear(after)];
    for (;;) {
      const t = this.peek();
      if (t.type === 'AND') children.push(this.parseNear(this.next()));
      else if (STARTS_OPERAND.has(t.type)) children.push(this.parseNear(undefined));
      else break;
    }
    return combine('and', children);
  }

  private parseNear(after: LexToken | undefined): QueryNode {
    const leftStart = this.peek().position;
    const left = this.parseUnary(after);
    const op = this.peek();
    if (op.type !== 'NEAR') return left;
    this.next();
    const rightStart = this.peek().position;
    const right = this.parseUnary(op);
    const chained = this.peek();
    if (chained.type === 'NEAR') {
      throw new QueryError(
        chained.position,
        `NEAR cannot be chained (position ${chained.position}); join two NEAR expressions with AND`,
      );
    }
    return {
      type: 'near',
      distance: op.distance,
      left: proximity(left, op, leftStart),
      right: proximity(right, op, rightStart),
      position: op.position,
    };
  }

  private parseUnary(after: LexToken | undefined): QueryNode {
    const t = this.peek();
    if (t.type !== 'NOT' && t.type !== '-') return this.parsePrimary(after);
    this.next();
    this.enter(t.position);
    const child = this.parseUnary(t);
    this.depth--;
    return { type: 'not', child, position: t.position };
  }

  private parsePrimary(after: LexToken | undefined): QueryNode {
    const t = this.peek();
    switch (t.type) {
      case 'WORD':
        this.next();
        this.countTerm(t.position);
        return wordNode(t.raw, t.position);
      case 'PHRASE':
        this.next();
        this.countTerm(t.position);
        return phraseNode(t.raw, t.position);
      case 'FIELD':
        this.next();
        this.countTerm(t.position);
        return fieldNode(t.name as FieldName, t.value, t.position, t.valuePosition);
      case '(':
        return this.parseGroup(t);
      default:
        throw this.expectedTerm(after, t);
    }
  }

  private parseGroup(open: LexToken): QueryNode {
    this.next();
    this.enter(open.position);
    if (this.peek().type === ')') {
      throw new QueryError(open.position, `empty parentheses at position ${open.position}`);
    }
    const inner = this.parseOr(open);
    const close = this.next();
    if (close.type === ',') {
      throw new QueryError(
        close.position,
        `commas separate keywords at the top level only; use OR inside parentheses (position ${close.position})`,
      );
    }
    if (close.type !== ')') {
      throw new QueryError(
        open.position,
        `unbalanced parenthesis: ( at position ${open.position} is never closed`,
      );
    }
    this.depth--;
    return inner;
  }

  private expectedTerm(after: LexToken | undefined, found: LexToken): QueryError {
    if (found.type === ')' && after?.type !== '(' && !this.insideGroup()) {
      return new QueryError(
        found.position,
        `unbalanced parenthesis: ) at position ${found.position} has no matching (`,
      );
    }
    const where = after ? `after ${label(after)}` : `before ${label(found)}`;
    return new QueryError(found.position, `expected a term ${where} at position ${found.position}`);
  }

  private insideGroup(): boolean {
    return this.depth > 0;
  }

  private enter(position: number): void {
    if (++this.depth > QUERY_LIMITS.maxDepth) {
      throw new QueryError(
        position,
        `the query nests deeper than ${QUERY_LIMITS.maxDepth} levels (position ${position})`,
      );
    }
  }

  private countTerm(position: number): void {
    if (++this.terms > QUERY_LIMITS.maxTerms) {
      throw new QueryError(
        position,
        `the query has more than ${QUERY_LIMITS.maxTerms} terms (position ${position})`,
      );
    }
  }
}

function combine(type: 'and' | 'or', children: QueryNode[]): QueryNode {
  if (children.length === 1) return children[0]!;
  const flat = children.flatMap((c) => (c.type === type ? c.children : [c]));
  return { type, children: flat } as QueryNode;
}

function proximity(node: QueryNode, op: LexToken & { type: 'NEAR' }, start: number): ProximityNode {
  if (node.type === 'term' || node.type === 'phrase') return node;
  if (node.type === 'or') {
    return { type: 'or', children: node.children.map((c) => proximity(c, op, start)) };
  }
  const what = { not: 'NOT', and: 'an AND group', field: 'a field', near: 'another NEAR' }[
    node.type
  ];
  throw new QueryError(
    start,
    `${op.raw} joins terms, phrases or OR groups of them, not ${what} (position ${start})`,
  );
}

/** The NOT that leaves the query (or one OR alternative) with nothing positive, if any. */
function onlyExcludes(node: QueryNode): NotNode | null {
  switch (node.type) {
    case 'not':
      return node;
    case 'and': {
      const found = node.children.map(onlyExcludes);
      return found.some((f) => f === null) ? null : found[0]!;
    }
    case 'or':
      return node.children.map(onlyExcludes).find((f) => f !== null) ?? null;
    default:
      return null;
  }
}
