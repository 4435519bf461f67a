/**
 * Bounds that keep one topic from costing every ingested mention too much. Professional tools
 * allow a few thousand characters; 4,000 holds a long brand query with its exclusions.
 */
export const QUERY_LIMITS = {
  /** Characters in the query text. */
  maxLength: 4_000,
  /** Terms, phrases and fields, all counted. */
  maxTerms: 300,
  /** Nesting of parentheses and NOTs. */
  maxDepth: 20,
  /** Words in one phrase. */
  maxPhraseWords: 12,
  /** NEAR/n accepts 1..maxNear. */
  maxNear: 50,
  /** Letters before a trailing `*`: `a*` would match nearly every post. */
  minPrefixLength: 2,
} as const;
