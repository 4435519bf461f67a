/**
 * Language of a mention: French, English or unknown. Combines eld's n-gram scores, our own
 * function-word counts (decisive on six-word tweets) and the platform's hint. Any other language,
 * or too little evidence, gives 'unknown': a wrong label is worse than none.
 */
import { eld } from 'eld/small';
import type { Lang } from '../analysis.js';
import { fold } from './fold.js';
import { EN_ONLY, EN_WORDS, FR_ONLY, FR_WORDS, OTHER_WORDS } from './function-words.js';

export interface LanguageGuess {
  lang: Lang;
  /** Winning score minus the runner-up: 0 when undecided. */
  margin: number;
}

// Placeholders and markers that are not language: handles, links, tags.
const NOISE_RE = /https?:\/\/\S+|www\.\S+|[@#][\w\u00C0-\u024F]+|\bhttp\b|\b\d+\b/g;
const WORD_RE = /[a-z\u00e0-\u00ff']+/g;
/** One function word is worth this much of eld's 0–1 score. */
const WORD_WEIGHT = 0.2;
const HINT_WEIGHT = 0.25;
/** Below this winning score the text says too little to name its language. */
const MIN_SCORE = 0.35;

interface WordCounts {
  fr: number;
  en: number;
  other: number;
  frOnly: number;
  enOnly: number;
}

function countWords(folded: string): WordCounts {
  const counts = { fr: 0, en: 0, other: 0, frOnly: 0, enOnly: 0 };
  for (const m of folded.matchAll(WORD_RE)) {
    const w = m[0];
    const elided = w.length > 2 && w[1] === "'" ? w.slice(0, 2) : undefined;
    if (FR_WORDS.has(w) || (elided !== undefined && FR_WORDS.has(elided))) counts.fr++;
    if (EN_WORDS.has(w)) counts.en++;
    if (OTHER_WORDS.has(w)) counts.other++;
    if (FR_ONLY.has(w) || (elided !== undefined && FR_ONLY.has(elided))) counts.frOnly++;
    if (EN_ONLY.has(w)) counts.enOnly++;
  }
  return counts;
}

function eldScores(text: string): { fr: number; en: number; other: number; reliable: boolean } {
  const result = eld.detect(text);
  if (!result.language) return { fr: 0, en: 0, other: 0, reliable: false };
  const scores = result.getScores();
  let other = 0;
  for (const [code, score] of Object.entries(scores)) {
    if (code !== 'fr' && code !== 'en' && score > other) other = score;
  }
  return { fr: scores.fr ?? 0, en: scores.en ?? 0, other, reliable: result.isReliable() };
}

/** Words this many, of one side only, and no word of another language: no need for n-grams. */
const DECISIVE_WORDS = 2;

/**
 * The language when the function words alone settle it, else undefined. Saves the n-gram
 * detector (about 15–25 µs of a 50 µs budget per mention) on most tweets.
 */
function decisive(w: WordCounts): 'fr' | 'en' | undefined {
  if (w.other > 0) return undefined;
  if (w.frOnly >= DECISIVE_WORDS && w.enOnly === 0) return 'fr';
  if (w.enOnly >= DECISIVE_WORDS && w.frOnly === 0) return 'en';
  return undefined;
}

/** 'fr', 'en', 'other' for any other language tag, undefined without a usable hint. */
function hintLang(hint: string | null | undefined): 'fr' | 'en' | 'other' | undefined {
  const h = hint?.trim().toLowerCase().slice(0, 2);
  if (!h || !/^[a-z]{2}$/.test(h)) return undefined;
  return h === 'fr' || h === 'en' ? h : 'other';
}

export function detectLanguage(text: string, hint?: string | null): LanguageGuess {
  const clean = text.replace(NOISE_RE, ' ');
  const folded = fold(clean);
  const words = countWords(folded);
  const settled = decisive(words);
  if (settled) return { lang: settled, margin: WORD_WEIGHT * DECISIVE_WORDS };
  const e = eldScores(clean);
  const hinted = hintLang(hint);
  // Too few letters for the n-grams and no word of another language: the platform knows better.
  if (!e.reliable && words.other === 0 && (hinted === 'fr' || hinted === 'en'))
    return { lang: hinted, margin: 0 };
  // An unreliable eld verdict on a few letters counts for half.
  const eldWeight = e.reliable ? 1 : 0.5;
  const fr = e.fr * eldWeight + WORD_WEIGHT * words.fr + (hinted === 'fr' ? HINT_WEIGHT : 0);
  const en = e.en * eldWeight + WORD_WEIGHT * words.en + (hinted === 'en' ? HINT_WEIGHT : 0);
  const other =
    e.other * eldWeight + WORD_WEIGHT * words.other + (hinted === 'other' ? HINT_WEIGHT : 0);
  const best = Math.max(fr, en, other);
  if (best < MIN_SCORE || best === other) return { lang: 'unknown', margin: 0 };
  const lang: Lang = fr >= en ? 'fr' : 'en';
  const runnerUp = lang === 'fr' ? Math.max(en, other) : Math.max(fr, other);
  return { lang, margin: best - runnerUp };
}
