/**
 * Emerging complaints in a window against its baseline, over dissatisfied mentions: phrase
 * counts per side, the log-odds statistic, merging and grouping into candidate drivers. Pure:
 * the scheduled job loads the mentions and stores the result.
 */
import {
  groupCandidates,
  mergeNearIdentical,
  type Candidate,
  type PhraseStat,
} from './candidates.js';
import { DEFAULT_PRIOR_STRENGTH, rankPhrases, type PhraseCount } from './log-odds.js';
import { extractPhrases } from './phrases.js';

export interface EmergingDoc {
  id: string;
  text: string;
  lang: 'fr' | 'en';
  at: Date;
}

export interface EmergingWindow {
  windowStart: Date;
  windowEnd: Date;
  baselineStart: Date;
}

export interface EmergingOptions {
  /** A phrase must occur in at least this many window mentions (three people said it). */
  minCount: number;
  /** And be this many standard deviations above its baseline rate. */
  minZ: number;
  priorStrength: number;
  /** Phrases considered for grouping, strongest first. */
  maxPhrases: number;
  maxCandidates: number;
  minOverlap: number;
}

export const DEFAULT_EMERGING: EmergingOptions = {
  minCount: 3,
  minZ: 1.96,
  priorStrength: DEFAULT_PRIOR_STRENGTH,
  maxPhrases: 40,
  maxCandidates: 10,
  minOverlap: 0.5,
};

export interface EmergingResult {
  windowTotal: number;
  baselineTotal: number;
  candidates: Candidate[];
}

export function computeEmerging(
  docs: EmergingDoc[],
  w: EmergingWindow,
  opts: Partial<EmergingOptions> = {},
): EmergingResult {
  const o = { ...DEFAULT_EMERGING, ...opts };
  const counts = new Map<string, PhraseCount>();
  const display = new Map<string, string>();
  const mentions = new Map<string, Set<string>>();
  let windowTotal = 0;
  let baselineTotal = 0;
  for (const d of docs) {
    const t = d.at.getTime();
    const inWindow = t >= w.windowStart.getTime() && t < w.windowEnd.getTime();
    const inBaseline = t >= w.baselineStart.getTime() && t < w.windowStart.getTime();
    if (!inWindow && !inBaseline) continue;
    if (inWindow) windowTotal++;
    else baselineTotal++;
    for (const [key, words] of extractPhrases(d.text, d.lang)) {
      const c = counts.get(key) ?? { window: 0, baseline: 0 };
      if (inWindow) {
        c.window++;
        if (!display.has(key)) display.set(key, words);
        const set = mentions.get(key) ?? new Set<string>();
        set.add(d.id);
        mentions.set(key, set);
      } else c.baseline++;
      counts.set(key, c);
    }
  }
  const ranked = rankPhrases(counts, o).slice(0, o.maxPhrases * 3);
  const stats: PhraseStat[] = ranked.map((r) => ({
    ...r,
    display: display.get(r.key) ?? r.key,
    mentions: mentions.get(r.key) ?? new Set(),
  }));
  const merged = mergeNearIdentical(stats).slice(0, o.maxPhrases);
  return {
    windowTotal,
    baselineTotal,
    candidates: groupCandidates(merged, {
      minOverlap: o.minOverlap,
      maxCandidates: o.maxCandidates,
    }),
  };
}
