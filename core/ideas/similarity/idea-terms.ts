/**
 * The terms an idea is compared by: words of the text, folded (no case, no accents), stripped of
 * function words and of the phrasing every suggestion shares ("ce serait bien", "please add"),
 * stemmed in the mention's language, then mapped through the bilingual glossary so a French
 * request and its English twin share their terms.
 */
import { createRequire } from 'node:module';
import type { Lang } from '../../classification/analysis.js';
import { fold } from '../../classification/text/fold.js';
import { EN_WORDS, FR_WORDS } from '../../classification/text/function-words.js';
import { detectLanguage } from '../../classification/text/language.js';
import { stem } from '../../classification/text/stem.js';
import { tokenize } from '../../classification/text/tokenize.js';
import { IDEA_GLOSSARY } from './glossary.js';

/** How people phrase any request: present in every idea, so it says nothing about which one. */
const REQUEST_WORDS = (
  'serait bien top pratique utile vraiment pouvoir pourrait proposer propose proposition ' +
  'idee suggestion devriez devrait permettre option insiste demande meme pitie oui svp stp ' +
  'please add would love great should feature request offer let like want need make wish ' +
  'see even still also one thing things any news its get us me'
).split(' ');
/** French and English words too common to tell one idea from another, beyond the shared lists. */
const COMMON_WORDS = (
  'par pour tout tous toute toutes chaque pendant entre plusieurs autre autres moins lieu plutot ' +
  'comme quand alors ainsi tres trop peu deja fois jour jours an ans sur sous vers chez ' +
  'mettre avoir faire aller ' +
  // Periods: every plan is monthly, so "chaque mois" / "per month" names no request.
  'mois semaine annee month months monthly week year ' +
  "if as per do i'd you'd i'll it'd them over out most every next last just really"
).split(' ');

// natural's stop-word lists, loaded from their own modules (the package root prints on load).
const require = createRequire(import.meta.url);
const naturalStopWords = (file: string) =>
  (require(`natural/lib/natural/util/${file}`) as { words: string[] }).words.map(fold);

const STOP_WORDS = new Set([
  ...FR_WORDS,
  ...EN_WORDS,
  ...naturalStopWords('stopwords.js'),
  ...naturalStopWords('stopwords_fr.js'),
  ...REQUEST_WORDS,
  ...COMMON_WORDS,
]);
// Handles with a domain ("@velia.fr", "@jo@piaille.fr") and links are not words of the idea.
const HANDLE_OR_URL_RE = /@[\w.@-]+|https?:\/\/\S+|www\.\S+/gu;

const glossary = buildGlossary();

function buildGlossary(): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of IDEA_GLOSSARY) {
    for (const w of entry.fr) map.set(`fr:${stem(fold(w), 'fr')}`, entry.concept);
    for (const w of entry.en) map.set(`en:${stem(fold(w), 'en')}`, entry.concept);
  }
  return map;
}

function isNoise(word: string): boolean {
  if (word.length < 2) return true;
  if (word.endsWith("'")) return true; // elided article or pronoun: l', d', qu'
  return STOP_WORDS.has(word);
}

/** Terms of one text; `lang` comes from the analysis when known, else it is detected here. */
export function ideaTerms(text: string, lang?: Lang | null): string[] {
  const language = lang && lang !== 'unknown' ? lang : detectLanguage(text).lang;
  const terms: string[] = [];
  for (const token of tokenize(text.replace(HANDLE_OR_URL_RE, ' '))) {
    if (token.kind === 'hashtag') {
      terms.push(termOf(token.norm.slice(1), language));
      continue;
    }
    if (token.kind !== 'word' || isNoise(token.norm)) continue;
    terms.push(termOf(token.norm, language));
  }
  return terms;
}

function termOf(word: string, lang: Lang): string {
  // Unknown language: try both glossaries, keep the word as written otherwise.
  const langs: ('fr' | 'en')[] = lang === 'unknown' ? ['fr', 'en'] : [lang];
  for (const l of langs) {
    const concept = glossary.get(`${l}:${stem(word, l)}`);
    if (concept) return concept;
  }
  return lang === 'unknown' ? word : stem(word, lang);
}
