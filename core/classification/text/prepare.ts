/**
 * Everything the analysis reads from a text, computed once: language, folded text, tokens with
 * negation scopes, and lexicon hits. Both the model features and the evidence come from here.
 */
import type { Lang } from '../analysis.js';
import { matchLexicon, type LexiconHit } from '../lexicon/match-lexicon.js';
import { fold } from './fold.js';
import { detectLanguage } from './language.js';
import { markNegation } from './negation.js';
import { tokenize, type Token } from './tokenize.js';

export interface PreparedText {
  text: string;
  lang: Lang;
  folded: string;
  tokens: Token[];
  hits: LexiconHit[];
}

/** `lang`: a known language (training files say theirs); otherwise it is detected with the hint. */
export function prepareText(
  text: string,
  opts: { lang?: Lang; langHint?: string | null } = {},
): PreparedText {
  const lang = opts.lang ?? detectLanguage(text, opts.langHint).lang;
  const folded = fold(text);
  const tokens = tokenize(text);
  markNegation(tokens);
  const hits = matchLexicon(folded, tokens, lang);
  return { text, lang, folded, tokens, hits };
}
