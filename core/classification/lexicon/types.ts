import type { SignalName } from '../analysis.js';

export type PatternTarget = SignalName | 'idea' | 'positive' | 'negative';

/**
 * A group of phrases with one target and one weight. Phrases are regular-expression sources
 * written against folded text (lower case, no accents, ASCII apostrophe); word boundaries are
 * added around the group. A match whose first word lies inside a negation scope ("je ne vais pas
 * résilier") is cancelled; phrases that carry their own negation ("never again", "je ne comprends
 * pas") start on the cue or before it, so they stand.
 */
export interface PatternGroup {
  target: PatternTarget;
  weight: number;
  phrases: string[];
}

export interface Lexicon {
  /** Folded word forms; matched on the word or on its stem, flipped inside a negation scope. */
  positiveWords: string[];
  negativeWords: string[];
  patterns: PatternGroup[];
}
