/**
 * Keyword groups of a driver model, from the taxonomy's example phrases: the content words of
 * each driver's phrases, stemmed ("lost my luggage" → lost, luggag). A mention with one of them
 * gets its driver's keyword feature, so rare variants of a driver's words ("delays", "delayed",
 * "bags") count with the frequent ones, and the phrases an admin writes steer the model trained
 * on real mentions too.
 */
import type { TrainingExample } from '../classification/index.js';
import { wordOf } from '../classification/model/token-word.js';
import { formatKeywords } from '../classification/model/topic-features.js';
import { EN_WORDS, FR_WORDS } from '../classification/text/function-words.js';
import { stem } from '../classification/text/stem.js';
import { tokenize } from '../classification/text/tokenize.js';
import { STOPWORDS } from './emerging/stopwords.js';

/** The feature options' `keywords` for these phrases, or undefined when they have no content word. */
export function driverKeywords(phrases: TrainingExample[], lang: 'fr' | 'en'): string | undefined {
  const functionWords = lang === 'fr' ? FR_WORDS : EN_WORDS;
  const groups = new Map<string, Set<string>>();
  for (const phrase of phrases) {
    const stems = groups.get(phrase.label) ?? new Set<string>();
    for (const t of tokenize(phrase.text)) {
      if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
      const word = wordOf(t);
      if (word.length < 3 || functionWords.has(word) || STOPWORDS[lang].has(word)) continue;
      stems.add(stem(word, lang));
    }
    groups.set(phrase.label, stems);
  }
  const keywords = formatKeywords(groups);
  return keywords === '' ? undefined : keywords;
}
