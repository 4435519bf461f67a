/**
 * The phrases of a mention for emerging-complaint statistics: uni-, bi- and tri-grams of stemmed
 * content words (stopwords of the mention's language dropped, handles, links and numbers break a
 * phrase). Keys are stems, so "playlists"/"playlist" and the French and English spellings of the
 * same word meet; each phrase keeps the first words it was seen as, for display.
 */
import { stem } from '../../classification/text/stem.js';
import { tokenize } from '../../classification/text/tokenize.js';
import { STOPWORDS } from './stopwords.js';

export const MAX_N = 3;

/** Distinct phrases of one text: key (stems joined by spaces) → the words as written. */
export function extractPhrases(text: string, lang: 'fr' | 'en'): Map<string, string> {
  const out = new Map<string, string>();
  const stop = STOPWORDS[lang];
  let run: { key: string; word: string }[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i++) {
      for (let n = 1; n <= MAX_N && i + n <= run.length; n++) {
        const part = run.slice(i, i + n);
        const key = part.map((p) => p.key).join(' ');
        if (!out.has(key)) out.set(key, part.map((p) => p.word).join(' '));
      }
    }
    run = [];
  };
  for (const t of tokenize(text)) {
    const word = t.kind === 'hashtag' ? t.norm.slice(1) : t.norm;
    if (t.kind !== 'word' && t.kind !== 'hashtag') {
      // Punctuation that closes a clause, links, handles and numbers end a phrase.
      if (t.kind !== 'emoji') flush();
      continue;
    }
    if (word.length < 2 || stop.has(word)) continue;
    run.push({ key: stem(word, lang), word: t.text.toLowerCase() });
  }
  flush();
  return out;
}
