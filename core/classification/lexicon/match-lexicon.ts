/**
 * Finds a lexicon's phrases and polarity words in a mention. Each hit keeps its offset and the
 * words as written, so it can be shown as evidence; hits inside a negation scope are cancelled
 * (signals) or flipped (polarity words: "pas mal", "not bad").
 */
import type { Lang } from '../analysis.js';
import { stem, stemTokens } from '../text/stem.js';
import type { Token } from '../text/tokenize.js';
import { CONFUSED_EMOJI, NEGATIVE_EMOJI, POSITIVE_EMOJI } from './emoji.js';
import { LEXICON_EN } from './lexicon-en.js';
import { LEXICON_FR } from './lexicon-fr.js';
import type { Lexicon, PatternTarget } from './types.js';

export interface LexiconHit {
  target: PatternTarget;
  weight: number;
  start: number;
  end: number;
  /** A polarity word read the other way round because it is negated. */
  flipped: boolean;
}

interface CompiledGroup {
  target: PatternTarget;
  weight: number;
  re: RegExp;
}
interface CompiledLexicon {
  groups: CompiledGroup[];
  positive: Set<string>;
  negative: Set<string>;
  /** Stems of the polarity words, matched against a token's stem. */
  positiveStems: Set<string>;
  negativeStems: Set<string>;
}

/** Weight of one polarity word; phrases carry their own weights. */
const WORD_WEIGHT = 0.5;

function compile(lexicon: Lexicon, lang: 'fr' | 'en'): CompiledLexicon {
  const groups = lexicon.patterns.map((g) => ({
    target: g.target,
    weight: g.weight,
    // Boundaries by lookaround: phrases may begin or end with '#', '?' or an apostrophe.
    re: new RegExp(`(?<![a-z0-9])(?:${g.phrases.join('|')})(?![a-z0-9])`, 'g'),
  }));
  const stems = (words: string[]) => new Set(words.map((w) => stem(w, lang)));
  return {
    groups,
    positive: new Set(lexicon.positiveWords),
    negative: new Set(lexicon.negativeWords),
    positiveStems: stems(lexicon.positiveWords),
    negativeStems: stems(lexicon.negativeWords),
  };
}

const compiled: Record<'fr' | 'en', CompiledLexicon> = {
  fr: compile(LEXICON_FR, 'fr'),
  en: compile(LEXICON_EN, 'en'),
};

/** Index of the first token starting at or after `offset` (tokens are in text order). */
function tokenAt(tokens: Token[], offset: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return tokens[lo];
}

/** `stemmed`: the token's norm, stemmed if it is a word. */
function polarityOf(
  lex: CompiledLexicon,
  token: Token,
  stemmed: string,
  lang: 'fr' | 'en',
): 1 | -1 | 0 {
  if (token.kind === 'emoji') {
    if (POSITIVE_EMOJI.has(token.norm)) return 1;
    return NEGATIVE_EMOJI.has(token.norm) ? -1 : 0;
  }
  if (token.kind !== 'word' && token.kind !== 'hashtag') return 0;
  const w = token.kind === 'hashtag' ? token.norm.slice(1) : token.norm;
  if (lex.positive.has(w)) return 1;
  if (lex.negative.has(w)) return -1;
  if (w.length < 4) return 0;
  const s = token.kind === 'word' ? stemmed : stem(w, lang);
  if (lex.positiveStems.has(s)) return 1;
  return lex.negativeStems.has(s) ? -1 : 0;
}

function wordHits(
  lex: CompiledLexicon,
  tokens: Token[],
  stems: string[],
  lang: 'fr' | 'en',
  hits: LexiconHit[],
): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'emoji' && CONFUSED_EMOJI.has(t.norm)) {
      hits.push({
        target: 'confusion',
        weight: 0.4,
        start: t.start,
        end: t.start + t.text.length,
        flipped: false,
      });
    }
    const polarity = polarityOf(lex, t, stems[i] as string, lang);
    if (polarity === 0) continue;
    const flipped = t.negated && t.kind !== 'emoji';
    const positive = (polarity === 1) !== flipped;
    const target = positive ? 'positive' : 'negative';
    hits.push({
      target,
      weight: WORD_WEIGHT,
      start: t.start,
      end: t.start + t.text.length,
      flipped,
    });
  }
}

/**
 * All hits of the language's lexicon in a mention; `folded` is fold(text), `stems` each token's
 * norm, stemmed for words (as prepareText gives them).
 */
export function matchLexicon(
  folded: string,
  tokens: Token[],
  lang: Lang,
  stems: string[] = stemTokens(tokens, lang),
): LexiconHit[] {
  if (lang === 'unknown') return [];
  const lex = compiled[lang];
  const hits: LexiconHit[] = [];
  for (const g of lex.groups) {
    g.re.lastIndex = 0;
    for (let m = g.re.exec(folded); m !== null; m = g.re.exec(folded)) {
      const end = m.index + m[0].length;
      if (tokenAt(tokens, m.index)?.negated) continue;
      hits.push({ target: g.target, weight: g.weight, start: m.index, end, flipped: false });
    }
  }
  wordHits(lex, tokens, stems, lang, hits);
  return hits;
}
