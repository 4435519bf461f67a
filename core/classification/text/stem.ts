/**
 * Stemming per language with natural's Porter stemmers, loaded from their own modules (the
 * package root prints to stdout when loaded). Stems are cached: social text repeats its words,
 * and the French stemmer costs several microseconds per call.
 */
import { createRequire } from 'node:module';
import type { Lang } from '../analysis.js';
import type { Token } from './tokenize.js';

interface Stemmer {
  stem(word: string): string;
}
const require = createRequire(import.meta.url);
const stemmers: Record<'fr' | 'en', Stemmer> = {
  fr: require('natural/lib/natural/stemmers/porter_stemmer_fr.js') as Stemmer,
  en: require('natural/lib/natural/stemmers/porter_stemmer.js') as Stemmer,
};
/** Bounded so a long-running worker does not grow without limit; cleared when full. */
const CACHE_LIMIT = 100_000;
const caches: Record<'fr' | 'en', Map<string, string>> = { fr: new Map(), en: new Map() };

export function stem(word: string, lang: Lang): string {
  if (lang === 'unknown' || word.length < 4) return word;
  const cache = caches[lang];
  const known = cache.get(word);
  if (known !== undefined) return known;
  const stemmed = stemmers[lang].stem(word);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, stemmed);
  return stemmed;
}

/** Each token's norm, stemmed for words: computed once per text for the lexicon and features. */
export function stemTokens(tokens: Token[], lang: Lang): string[] {
  const stems = new Array<string>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    stems[i] = t.kind === 'word' ? stem(t.norm, lang) : t.norm;
  }
  return stems;
}
