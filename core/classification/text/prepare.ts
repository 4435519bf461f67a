/**
 * Everything the analysis reads from a text, computed once: language, folded text, tokens with
 * negation scopes, and lexicon hits. Both the model features and the evidence come from here.
 */
import type { Lang } from '../analysis.js';
import { matchLexicon, type LexiconHit } from '../lexicon/match-lexicon.js';
import { fold } from './fold.js';
import { detectLanguage } from './language.js';
import { markNegation } from './negation.js';
import { stemTokens } from './stem.js';
import { tokenize, type Token } from './tokenize.js';

export interface PreparedText {
  text: string;
  lang: Lang;
  folded: string;
  tokens: Token[];
  /** Each token's norm, stemmed for words: read by the lexicon and by the stem features. */
  stems: string[];
  hits: LexiconHit[];
}

/** `lang`: a known language (training files say theirs); otherwise it is detected with the hint. */
export function prepareText(
  text: string,
  opts: { lang?: Lang; langHint?: string | null } = {},
): PreparedText {
  const folded = fold(text);
  const lang = opts.lang ?? detectLanguage(text, opts.langHint, folded).lang;
  const tokens = tokenize(text, folded);
  markNegation(tokens);
  const stems = stemTokens(tokens, lang);
  const hits = matchLexicon(folded, tokens, lang, stems);
  return { text, lang, folded, tokens, stems, hits };
}
