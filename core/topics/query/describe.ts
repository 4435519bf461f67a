import type { Atom, QueryNode } from './ast.js';

/**
 * The normalised text of a parsed query: folded terms, explicit AND/OR, parentheses only where
 * precedence needs them, commas turned into OR. Parsing it again gives the same tree, so it is
 * what the topic editor shows back ("this is how your query was understood").
 */
export function describeQuery(node: QueryNode): string {
  switch (node.type) {
    case 'term':
      return describeAtom(node.atom);
    case 'phrase':
      return `"${node.atoms.map(describeAtom).join(' ')}"`;
    case 'field':
      return `${node.field}:${quoteIfNeeded(node.value)}${node.prefix ? '*' : ''}`;
    case 'not':
      return `NOT ${wrap(node.child, ['and', 'or', 'near'])}`;
    case 'near':
      return `${wrap(node.left, ['or'])} NEAR/${node.distance} ${wrap(node.right, ['or'])}`;
    case 'and':
      return node.children.map((c) => wrap(c, ['or'])).join(' AND ');
    case 'or':
      return node.children.map(describeQuery).join(' OR ');
  }
}

export function describeAtom(atom: Atom): string {
  const mark = atom.kind === 'hashtag' ? '#' : atom.kind === 'mention' ? '@' : '';
  return `${mark}${atom.text}${atom.prefix ? '*' : ''}`;
}

function wrap(node: QueryNode, types: QueryNode['type'][]): string {
  const text = describeQuery(node);
  return types.includes(node.type) ? `(${text})` : text;
}

function quoteIfNeeded(value: string): string {
  return /[\s(),"*]/.test(value) ? `"${value}"` : value;
}
