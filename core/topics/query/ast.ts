import type { TokenKind } from './tokenize.js';

/**
 * The parsed form of a listening query. Positions are 0-based character offsets into the query
 * text, kept so that later checks can point at the culprit.
 */

/** One word to look for: folded text, which kind of token it must be, and whether it is a prefix. */
export interface Atom {
  text: string;
  /** `any` matches words, hashtags and @mentions; the others only that kind of token. */
  kind: 'any' | 'hashtag' | 'mention';
  prefix: boolean;
}

export interface TermNode {
  type: 'term';
  atom: Atom;
  position: number;
}

/** Consecutive atoms, in order. Quoted text, or a bare word the tokeniser splits (e-mail). */
export interface PhraseNode {
  type: 'phrase';
  atoms: Atom[];
  position: number;
}

export type FieldName = 'author' | 'lang' | 'source' | 'platform';

export interface FieldNode {
  type: 'field';
  field: FieldName;
  /** Folded; for author without a leading @. */
  value: string;
  prefix: boolean;
  position: number;
}

export interface NotNode {
  type: 'not';
  child: QueryNode;
  position: number;
}

export interface AndNode {
  type: 'and';
  children: QueryNode[];
}

export interface OrNode {
  type: 'or';
  children: QueryNode[];
}

/** What NEAR/n can join: a term, a phrase, or an OR group of those. */
export type ProximityNode = TermNode | PhraseNode | ProximityOrNode;
export interface ProximityOrNode {
  type: 'or';
  children: ProximityNode[];
}

export interface NearNode {
  type: 'near';
  /** At most this many other words between the two sides, in either order. */
  distance: number;
  left: ProximityNode;
  right: ProximityNode;
  position: number;
}

export type QueryNode = TermNode | PhraseNode | FieldNode | NotNode | AndNode | OrNode | NearNode;

export const tokenKindOf = (atom: Atom): TokenKind | -1 =>
  atom.kind === 'any' ? -1 : atom.kind === 'hashtag' ? 1 : 2;
