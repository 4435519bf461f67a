/**
 * Features for topic-like tasks (the drivers of discontent), read only when a recipe asks for
 * them: character n-grams inside each word, pairs of content words anywhere in the text, and
 * keyword groups (a taxonomy's example phrases, stemmed). They say what a complaint is about
 * when the words that tell it are rare or far apart ("bag … three days", "hold … hour").
 * The cost per mention stays bounded by its length: no lookup grows with the vocabulary.
 */
import type { PreparedText } from '../text/prepare.js';
import { EN_WORDS, FR_WORDS } from '../text/function-words.js';
import { stem } from '../text/stem.js';
import type { Token } from '../text/tokenize.js';
import { hashCombine, hashString } from './hash.js';
import { wordOf } from './token-word.js';

/** Adds one feature (an unmasked hash) with its value to the vector being filled. */
export type EmitFeature = (hash: number, value: number) => void;

const NS_CHAR = hashString('c');
const NS_PAIR = hashString('p');
const NS_KEYWORD = hashString('k');
/**
 * Pairs are taken among the first distinct content words only: a tweet has fewer than this, and
 * a long post does not cost a quadratic number of pairs.
 */
const MAX_PAIR_WORDS = 24;

/** As the word block reads a token, but a hashtag keeps its mark. */
function textOf(t: Token): string {
  return t.kind === 'hashtag' ? t.norm : wordOf(t);
}

/**
 * Character n-grams of each token padded with spaces (" bag ", " delayed "): the same n-grams as
 * over the joined text without those straddling two words, which are mostly noise for a topic.
 */
export function wordCharFeatures(
  p: PreparedText,
  min: number,
  max: number,
  emit: EmitFeature,
): void {
  for (const t of p.tokens) {
    if (t.kind === 'punct') continue;
    const s = ` ${textOf(t)} `;
    for (let i = 0; i < s.length; i++) {
      let h = NS_CHAR;
      for (let n = 1; n <= max && i + n <= s.length; n++) {
        h = Math.imul(h ^ s.charCodeAt(i + n - 1), 0x01000193) >>> 0;
        if (n >= min) emit(h, 1);
      }
    }
  }
}

function isContentWord(t: Token, lang: PreparedText['lang']): boolean {
  if (t.kind !== 'word' || t.norm.length < 3) return false;
  if (lang !== 'fr' && EN_WORDS.has(t.norm)) return false;
  return !(lang !== 'en' && FR_WORDS.has(t.norm));
}

const pairWords: number[] = [];

/** Every pair of distinct content-word stems of the text, order ignored. */
export function wordPairFeatures(p: PreparedText, emit: EmitFeature): void {
  pairWords.length = 0;
  for (let i = 0; i < p.tokens.length; i++) {
    if (!isContentWord(p.tokens[i] as Token, p.lang)) continue;
    const h = hashString(p.stems[i] as string, NS_PAIR);
    if (pairWords.includes(h)) continue;
    pairWords.push(h);
    if (pairWords.length === MAX_PAIR_WORDS) break;
  }
  for (let i = 0; i < pairWords.length; i++) {
    for (let j = i + 1; j < pairWords.length; j++) {
      const a = pairWords[i] as number;
      const b = pairWords[j] as number;
      emit(a < b ? hashCombine(a, b) : hashCombine(b, a), 1);
    }
  }
}

/**
 * Keyword groups as stored in feature options: one group per line, `name: stem stem …`. A
 * string, so that options compare by value and the groups travel in the model file.
 */
export function formatKeywords(groups: Map<string, Set<string>>): string {
  return [...groups.entries()]
    .filter(([, stems]) => stems.size > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, stems]) => `${name}: ${[...stems].join(' ')}`)
    .join('\n');
}

/** Parsed keyword strings: a stem to the hashes of its groups. Few distinct strings exist. */
const parsed = new Map<string, Map<string, number[]>>();
const PARSED_LIMIT = 32;

function keywordIndex(keywords: string): Map<string, number[]> {
  const known = parsed.get(keywords);
  if (known) return known;
  const index = new Map<string, number[]>();
  for (const line of keywords.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const group = hashString(line.slice(0, colon).trim(), NS_KEYWORD);
    for (const s of line.slice(colon + 1).split(' ')) {
      if (s === '') continue;
      const groups = index.get(s) ?? [];
      if (!groups.includes(group)) groups.push(group);
      index.set(s, groups);
    }
  }
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(keywords, index);
  return index;
}

const seenGroups: number[] = [];

/** One feature of value `value` per keyword group one of whose stems is in the text. */
export function keywordFeatures(
  p: PreparedText,
  keywords: string,
  value: number,
  emit: EmitFeature,
): void {
  const index = keywordIndex(keywords);
  seenGroups.length = 0;
  for (let i = 0; i < p.tokens.length; i++) {
    const t = p.tokens[i] as Token;
    if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
    // A word's stem is already in p.stems; a hashtag's is taken without its mark.
    const groups = index.get(
      t.kind === 'word' ? (p.stems[i] as string) : stem(t.norm.slice(1), p.lang),
    );
    if (!groups) continue;
    for (const g of groups) if (!seenGroups.includes(g)) seenGroups.push(g);
  }
  for (const g of seenGroups) emit(g, value);
}
