import { foldText } from './fold.js';
import { forEachToken } from './tokenize.js';

/** What a listening query can look at in a mention. */
export interface MatchableDocument {
  text: string;
  title?: string | null;
  authorHandle?: string | null;
  lang?: string | null;
  source?: string | null;
  platform?: string | null;
}

/** Token kind of the slot between title and text: never equal to a term, never near anything. */
export const SEPARATOR = 3;

const PREPARED = Symbol('ecoute.preparedDocument');

/**
 * A mention tokenised once, to be matched against every topic. Positions index `tokens`; the title
 * comes first, then a separator slot, then the text, so phrases and NEAR never span the two.
 */
export interface PreparedDocument {
  readonly [PREPARED]: true;
  /** Folded token text by position. */
  readonly tokens: readonly string[];
  /** Token kind by position: 0 word, 1 hashtag, 2 @mention, 3 separator. */
  readonly kinds: Uint8Array;
  /** Folded token text → its positions, ascending. */
  readonly index: ReadonlyMap<string, readonly number[]>;
  /** First position of the text (after the title and the separator); 0 without a title. */
  readonly textStart: number;
  /** Folded, without a leading @. */
  readonly author: string | null;
  /** Folded, `_` as `-` (fr_CA → fr-ca). */
  readonly lang: string | null;
  readonly source: string | null;
  readonly platform: string | null;
}

export function isPreparedDocument(doc: unknown): doc is PreparedDocument {
  return typeof doc === 'object' && doc !== null && PREPARED in doc;
}

/** Normalises and tokenises a mention once; pass the result to every topic's `match`. */
export function prepareDocument(doc: MatchableDocument): PreparedDocument {
  const tokens: string[] = [];
  const kindList: number[] = [];
  const index = new Map<string, number[]>();
  const add = (text: string, kind: number) => {
    const positions = index.get(text);
    if (positions) positions.push(tokens.length);
    else if (kind !== SEPARATOR) index.set(text, [tokens.length]);
    tokens.push(text);
    kindList.push(kind);
  };
  if (doc.title) {
    forEachToken(doc.title, add);
    add('', SEPARATOR);
  }
  const textStart = tokens.length;
  forEachToken(doc.text, add);
  return {
    [PREPARED]: true,
    tokens,
    kinds: Uint8Array.from(kindList),
    index,
    textStart,
    author: doc.authorHandle ? foldText(doc.authorHandle.trim()).replace(/^@/, '') : null,
    lang: doc.lang ? foldText(doc.lang.trim()).replace(/_/g, '-') : null,
    source: doc.source ? foldText(doc.source.trim()) : null,
    platform: doc.platform ? foldText(doc.platform.trim()) : null,
  };
}
