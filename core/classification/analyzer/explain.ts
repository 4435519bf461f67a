/**
 * The words that pushed a model towards a class: each word's own unigram weight for that class
 * against the mean of the others. Hashing keeps no vocabulary, so the words come from the text.
 */
import type { Evidence } from '../analysis.js';
import { finalize, hashString } from '../model/hash.js';
import type { Model } from '../model/model.js';
import { memberWeights } from '../model/sparse-weights.js';
import type { PreparedText } from '../text/prepare.js';
import type { Token } from '../text/tokenize.js';
import { EN_WORDS, FR_WORDS } from '../text/function-words.js';

const NS_WORD = hashString('w');
const NS_NEG = hashString('n');

/** Function words make poor explanations: left out (as are words already shown, by offset). */
function explains(word: string): boolean {
  return word.length >= 3 && !FR_WORDS.has(word) && !EN_WORDS.has(word);
}

/** The tokens that may explain a result, with the hash of their unigram feature. */
interface Candidates {
  tokens: Token[];
  hashes: number[];
}

/** The last text's candidates: the analyzer explains up to three models on the same text. */
let lastText: PreparedText | undefined;
let lastCandidates: Candidates = { tokens: [], hashes: [] };

function candidatesOf(p: PreparedText): Candidates {
  if (p === lastText) return lastCandidates;
  const tokens: Token[] = [];
  const hashes: number[] = [];
  for (const t of p.tokens) {
    if (t.kind !== 'word' && t.kind !== 'hashtag' && t.kind !== 'emoji') continue;
    const word = t.kind === 'hashtag' ? t.norm.slice(1) : t.norm;
    if (t.kind !== 'emoji' && !explains(word)) continue;
    tokens.push(t);
    hashes.push(finalize(hashString(word, t.negated ? NS_NEG : NS_WORD)));
  }
  lastText = p;
  lastCandidates = { tokens, hashes };
  return lastCandidates;
}

export function explainWords(
  model: Model,
  p: PreparedText,
  cls: number,
  target: Evidence['target'],
  shown: Set<number>,
  max = 3,
): Evidence[] {
  const m = model.members[0];
  if (!m) return [];
  const k = m.classes.length;
  const mask = (1 << m.features.bits) - 1;
  const { tokens, hashes } = candidatesOf(p);
  const reader = memberWeights(m);
  const w = reader.weights;
  const scored: Evidence[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'emoji' && shown.has(t.start)) continue;
    const row = reader.rowStart((hashes[i] as number) & mask);
    // An all-zero row weighs 0: never above the threshold below.
    if (row < 0) continue;
    let others = 0;
    for (let c = 0; c < k; c++) if (c !== cls) others += w[row + c] as number;
    const weight = (w[row + cls] as number) - others / Math.max(k - 1, 1);
    if (weight > 0.05)
      scored.push({
        target,
        match: t.text,
        start: t.start,
        weight: Math.round(weight * 100) / 100,
      });
  }
  return scored.sort((a, b) => b.weight - a.weight).slice(0, max);
}
