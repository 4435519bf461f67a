/**
 * Hashed sparse features of a prepared text: word uni- and bi-grams (marked when negated), stems,
 * character n-grams, lexicon hits and social markers, folded into `2^bits` slots. The cost per
 * mention depends on its length only, never on the vocabulary the model has seen.
 */
import type { PreparedText } from '../text/prepare.js';
import type { Token } from '../text/tokenize.js';
import { finalize, hashCombine, hashString } from './hash.js';
import { polarityLexicon } from '../lexicon/polarity.js';
import { wordOf } from './token-word.js';
import { keywordFeatures, wordCharFeatures, wordPairFeatures } from './topic-features.js';

export interface FeatureOptions {
  bits: number;
  /** Character n-gram lengths, inclusive; [0, 0] for none. */
  charMin: number;
  charMax: number;
  wordBigrams: boolean;
  stems: boolean;
  /** Scale of each block after its own L2 normalisation. */
  wordScale: number;
  charScale: number;
  lexiconScale: number;
  /**
   * Words in a negation's scope get their own features (default). Off for topic-like tasks (the
   * drivers): "not on time" is about lateness whether negated or not.
   */
  negation?: boolean;
  /** Character n-grams inside each word, not over the joined text (topic-features.ts). */
  charsWithinWords?: boolean;
  /** Pairs of content words anywhere in the text, in the word block. */
  wordPairs?: boolean;
  /** Keyword groups, one per line (`name: stem stem …`), each present group one feature. */
  keywords?: string;
  /** Value of a keyword group's feature (not normalised: one per group). */
  keywordScale?: number;
  /**
   * Word polarities from the shipped lexicons (lexicon/polarity.ts) in the lexicon block: words
   * the training texts never had still count by their known tone. Off for models trained
   * before it existed, so their features stay the same.
   */
  polarity?: boolean;
}

export const DEFAULT_FEATURES: FeatureOptions = {
  bits: 20,
  charMin: 2,
  charMax: 5,
  wordBigrams: true,
  stems: true,
  wordScale: 1,
  charScale: 1,
  lexiconScale: 0.5,
};

/** A sparse vector: `n` pairs (index, value); buffers are reused between calls. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
  n: number;
}

const NS_WORD = hashString('w');
const NS_NEG = hashString('n');
const NS_STEM = hashString('s');
const NS_BI = hashString('b');
const NS_CHAR = hashString('c');
const NS_LEX = hashString('l');
/** The word before the first one. */
const START = hashString('<s>');

export function createSparseVector(capacity = 4096): SparseVector {
  return { idx: new Int32Array(capacity), val: new Float32Array(capacity), n: 0 };
}

function push(v: SparseVector, mask: number, hash: number, value: number): void {
  if (v.n === v.idx.length) {
    const idx = new Int32Array(v.n * 2);
    const val = new Float32Array(v.n * 2);
    idx.set(v.idx);
    val.set(v.val);
    v.idx = idx;
    v.val = val;
  }
  v.idx[v.n] = finalize(hash) & mask;
  v.val[v.n] = value;
  v.n++;
}

function scale(v: SparseVector, from: number, factor: number): void {
  const count = v.n - from;
  if (count === 0) return;
  const s = factor / Math.sqrt(count);
  for (let i = from; i < v.n; i++) (v.val as Float32Array)[i] = (v.val[i] as number) * s;
}

function wordFeatures(p: PreparedText, o: FeatureOptions, mask: number, v: SparseVector): void {
  let prev = START;
  const negation = o.negation !== false;
  for (let i = 0; i < p.tokens.length; i++) {
    const t = p.tokens[i] as Token;
    if (t.kind === 'punct' && t.text !== '!' && t.text !== '?') continue;
    const w = wordOf(t);
    const negated = negation && t.negated;
    const h = hashString(w, negated ? NS_NEG : NS_WORD);
    push(v, mask, h, 1);
    if (o.stems && t.kind === 'word' && p.lang !== 'unknown') {
      const s = p.stems[i] as string;
      if (s !== w) push(v, mask, hashString(s, negated ? NS_NEG : NS_STEM), 1);
    }
    // The handle itself too: who is addressed says something (one brand draws more complaints).
    if (t.kind === 'mention') push(v, mask, hashString(t.norm, NS_WORD), 1);
    if (o.wordBigrams) push(v, mask, hashCombine(hashCombine(NS_BI, prev), h), 1);
    prev = h;
  }
}

/** Character n-grams over the words joined by single spaces, hashed incrementally (no substrings). */
function charFeatures(p: PreparedText, o: FeatureOptions, mask: number, v: SparseVector): void {
  if (o.charMax === 0) return;
  let s = ' ';
  for (const t of p.tokens)
    s += (t.kind === 'word' || t.kind === 'hashtag' ? t.norm : wordOf(t)) + ' ';
  for (let i = 0; i < s.length; i++) {
    let h = NS_CHAR;
    for (let n = 1; n <= o.charMax && i + n <= s.length; n++) {
      h = Math.imul(h ^ s.charCodeAt(i + n - 1), 0x01000193) >>> 0;
      // Prefixes of different lengths are different strings: the FNV state alone tells them apart.
      if (n >= o.charMin) push(v, mask, h, 1);
    }
  }
}

function lexiconFeatures(p: PreparedText, mask: number, v: SparseVector): void {
  for (const hit of p.hits) {
    const name = hit.flipped ? `${hit.target}:flipped` : hit.target;
    push(v, mask, hashString(name, NS_LEX), hit.weight);
  }
  let caps = 0;
  let elongated = 0;
  let exclaim = 0;
  let question = 0;
  for (const t of p.tokens) {
    if (t.caps) caps++;
    if (t.elongated) elongated++;
    if (t.kind === 'punct') {
      if (t.text.includes('!')) exclaim++;
      if (t.text.includes('?')) question++;
    }
  }
  if (caps > 0) push(v, mask, hashString('caps', NS_LEX), Math.min(caps, 3) / 3);
  if (elongated > 0) push(v, mask, hashString('elongated', NS_LEX), 1);
  if (exclaim > 0) push(v, mask, hashString('exclaim', NS_LEX), Math.min(exclaim, 3) / 3);
  if (question > 0) push(v, mask, hashString('question', NS_LEX), Math.min(question, 3) / 3);
}

const NS_POL = hashString('p');
const POL_POSITIVE = hashString('pol:sum+', NS_LEX);
const POL_NEGATIVE = hashString('pol:sum-', NS_LEX);

/**
 * Each known word's tone as a feature of its strength (four steps each way, flipped inside a
 * negation's scope), and the text's summed positive and negative tone, squashed.
 */
function polarityFeatures(p: PreparedText, mask: number, v: SparseVector): void {
  if (p.lang === 'unknown') return;
  const lexicon = polarityLexicon(p.lang);
  let positive = 0;
  let negative = 0;
  for (let i = 0; i < p.tokens.length; i++) {
    const t = p.tokens[i] as Token;
    if (t.kind === 'url' || t.kind === 'mention' || t.kind === 'number') continue;
    let score = lexicon.get(t.norm) ?? lexicon.get(p.stems[i] as string);
    if (score === undefined) continue;
    if (t.negated) score = -score * 0.75;
    const step = Math.min(4, Math.ceil(Math.abs(score) * 4));
    push(v, mask, hashString(score > 0 ? `+${step}` : `-${step}`, NS_POL), 1);
    if (score > 0) positive += score;
    else negative -= score;
  }
  if (positive > 0) push(v, mask, POL_POSITIVE, Math.tanh(positive));
  if (negative > 0) push(v, mask, POL_NEGATIVE, Math.tanh(negative));
}

/** Fills `v` (reset first) with the features of `p`. */
export function extractFeatures(p: PreparedText, o: FeatureOptions, v: SparseVector): SparseVector {
  const mask = (1 << o.bits) - 1;
  v.n = 0;
  const topic = o.charsWithinWords === true || o.wordPairs === true || o.keywords !== undefined;
  const emit = topic ? (hash: number, value: number) => push(v, mask, hash, value) : undefined;
  wordFeatures(p, o, mask, v);
  if (emit && o.wordPairs && o.wordScale !== 0) wordPairFeatures(p, emit);
  scale(v, 0, o.wordScale);
  const charFrom = v.n;
  if (emit && o.charsWithinWords) {
    if (o.charMax > 0) wordCharFeatures(p, o.charMin, o.charMax, emit);
  } else charFeatures(p, o, mask, v);
  scale(v, charFrom, o.charScale);
  if (emit && o.keywords) keywordFeatures(p, o.keywords, o.keywordScale ?? 0.5, emit);
  const lexFrom = v.n;
  lexiconFeatures(p, mask, v);
  if (o.polarity) polarityFeatures(p, mask, v);
  for (let i = lexFrom; i < v.n; i++)
    (v.val as Float32Array)[i] = (v.val[i] as number) * o.lexiconScale;
  return v;
}
