/**
 * Lexicon hits turned into signal scores and evidence. Several hits on one signal add up as
 * independent chances (1 − Π(1 − w)); a hit found by two phrase groups counts once, at its
 * strongest weight.
 */
import { SIGNAL_NAMES, type Evidence, type SignalName } from '../analysis.js';
import type { LexiconHit } from '../lexicon/match-lexicon.js';
import type { PreparedText } from '../text/prepare.js';

export interface LexiconReading {
  signals: Record<SignalName, number>;
  /** Sum of polarity weights: positive minus negative. */
  polarity: number;
  idea: number;
  evidence: Evidence[];
}

/** Index of each hit target, for a numeric (target, start) key. */
const TARGETS: Record<LexiconHit['target'], number> = {
  discontent: 0,
  churn_intent: 1,
  disappointment: 2,
  confusion: 3,
  idea: 4,
  positive: 5,
  negative: 6,
};

function strongestPerSpan(hits: LexiconHit[]): LexiconHit[] {
  const best = new Map<number, LexiconHit>();
  for (const h of hits) {
    const key = h.start * 8 + TARGETS[h.target];
    const known = best.get(key);
    if (!known || h.weight > known.weight || (h.weight === known.weight && h.end > known.end))
      best.set(key, h);
  }
  return [...best.values()].sort((a, b) => a.start - b.start);
}

export function readLexicon(p: PreparedText): LexiconReading {
  const miss: Record<SignalName | 'idea', number> = {
    discontent: 1,
    churn_intent: 1,
    disappointment: 1,
    confusion: 1,
    idea: 1,
  };
  let polarity = 0;
  const evidence: Evidence[] = [];
  for (const h of strongestPerSpan(p.hits)) {
    const match = p.text.slice(h.start, h.end);
    if (h.target === 'positive' || h.target === 'negative') {
      const weight = h.target === 'positive' ? h.weight : -h.weight;
      polarity += weight;
      evidence.push({ target: 'sentiment', match, start: h.start, weight });
      continue;
    }
    miss[h.target] *= 1 - h.weight;
    evidence.push({ target: h.target, match, start: h.start, weight: h.weight });
  }
  const signals = {} as Record<SignalName, number>;
  for (const s of SIGNAL_NAMES) signals[s] = round(1 - miss[s]);
  return { signals, polarity, idea: 1 - miss.idea, evidence };
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
