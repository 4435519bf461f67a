/**
 * The words that pushed a model towards a class: each word's own unigram weight for that class
 * against the mean of the others. Hashing keeps no vocabulary, so the words come from the text.
 */
import type { Evidence } from '../analysis.js';
import { finalize, hashString } from '../model/hash.js';
import type { Model } from '../model/model.js';
import type { PreparedText } from '../text/prepare.js';
import { EN_WORDS, FR_WORDS } from '../text/function-words.js';

const NS_WORD = hashString('w');
const NS_NEG = hashString('n');

/** Function words and words already shown (by offset) make poor explanations: left out. */
function explains(word: string, start: number, shown: Set<number>): boolean {
  return word.length >= 3 && !FR_WORDS.has(word) && !EN_WORDS.has(word) && !shown.has(start);
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
  const scored: Evidence[] = [];
  for (const t of p.tokens) {
    if (t.kind !== 'word' && t.kind !== 'hashtag' && t.kind !== 'emoji') continue;
    const word = t.kind === 'hashtag' ? t.norm.slice(1) : t.norm;
    if (t.kind !== 'emoji' && !explains(word, t.start, shown)) continue;
    const row = (finalize(hashString(word, t.negated ? NS_NEG : NS_WORD)) & mask) * k;
    let others = 0;
    for (let c = 0; c < k; c++) if (c !== cls) others += m.weights[row + c] as number;
    const weight = (m.weights[row + cls] as number) - others / Math.max(k - 1, 1);
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
