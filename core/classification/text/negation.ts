/**
 * Negation scope, French and English. A cue opens a scope that runs to the end of its clause
 * (punctuation, or a contrast such as "but"/"mais"), so "pas mal, mais l'appli plante" negates
 * "mal" and leaves "plante" alone. French "plus" and "personne" only negate after "ne"/"n'".
 */
import type { Token } from './tokenize.js';

const EN_CUES = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'nowhere',
  'neither',
  'nor',
  'cannot',
  'without',
  'hardly',
  'barely',
  'dont',
  'cant',
  'wont',
  'isnt',
  'didnt',
  'doesnt',
  'wasnt',
  'arent',
  'havent',
  'hasnt',
  'shouldnt',
  'wouldnt',
  'couldnt',
  'aint',
]);
const FR_CUES = new Set([
  'pas',
  'jamais',
  'rien',
  'aucun',
  'aucune',
  'sans',
  'ni',
  'guere',
  'nullement',
]);
// Only a negation after "ne": "je n'en veux plus", but "plus rapide" is a comparison.
const FR_AFTER_NE = new Set(['plus', 'personne', 'point', 'que']);
const FR_NE = new Set(['ne', "n'"]);
const CONTRAST = new Set([
  'but',
  'however',
  'although',
  'though',
  'yet',
  'mais',
  'cependant',
  'pourtant',
  'toutefois',
  'sauf',
  'except',
  'whereas',
  'alors',
]);
// "no doubt", "not only" and "pas mal de" (a lot of) do not negate what follows.
const NON_NEGATING_NEXT = new Map([
  ['not', new Set(['only', 'just'])],
  ['no', new Set(['doubt', 'wonder', 'problem', 'worries'])],
  ['pas', new Set(['seulement', 'que'])],
]);
/** Longest reach of a scope without punctuation, in tokens: social text often has none. */
const MAX_SCOPE = 6;

export function isNegationCue(token: Token, prevNe: boolean): boolean {
  if (token.kind !== 'word') return false;
  const w = token.norm;
  if (EN_CUES.has(w) || w.endsWith("n't")) return true;
  if (FR_CUES.has(w) || FR_NE.has(w)) return true;
  return prevNe && FR_AFTER_NE.has(w);
}

function closesClause(token: Token): boolean {
  if (token.kind === 'punct') return token.text !== '"' && token.text !== '«' && token.text !== '»';
  return token.kind === 'word' && CONTRAST.has(token.norm);
}

/** Marks `negated` on the tokens inside a negation scope; the cues themselves stay unmarked. */
export function markNegation(tokens: Token[]): void {
  let remaining = 0;
  let neOpen = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (closesClause(t)) {
      remaining = 0;
      neOpen = false;
      continue;
    }
    if (isNegationCue(t, neOpen)) {
      const next = tokens[i + 1];
      const exempt = next !== undefined && NON_NEGATING_NEXT.get(t.norm)?.has(next.norm);
      if (!exempt) remaining = MAX_SCOPE;
      if (FR_NE.has(t.norm)) neOpen = true;
      continue;
    }
    if (remaining > 0) {
      if (t.kind === 'word' || t.kind === 'emoji' || t.kind === 'hashtag') t.negated = true;
      remaining--;
    }
  }
}
