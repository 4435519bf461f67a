/**
 * From ranked phrases to candidate drivers: near-identical phrases (one inside the other, found
 * in nearly the same mentions) are merged into the stronger one, then phrases that occur in the
 * same mentions are grouped (single link on the overlap of their mention sets). A candidate is
 * scored by its strongest phrase plus a little for each other one, and shows the mentions that
 * hold most of its phrases.
 */
import type { RankedPhrase } from './log-odds.js';

export interface PhraseStat extends RankedPhrase {
  display: string;
  mentions: Set<string>;
}

export interface Candidate {
  label: string;
  score: number;
  phrases: { phrase: string; display: string; z: number; count: number; baseCount: number }[];
  mentionIds: string[];
}

/** Share of the smaller set found in the larger: 1 when one phrase's mentions hold the other's. */
function overlap(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const x of small) if (large.has(x)) common++;
  return small.size === 0 ? 0 : common / small.size;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common || 1);
}

const contains = (long: string, short: string) => ` ${long} `.includes(` ${short} `);

/** Drops a phrase when a stronger one contains it (or it contains one) in almost the same mentions. */
export function mergeNearIdentical(phrases: PhraseStat[], minJaccard = 0.8): PhraseStat[] {
  const kept: PhraseStat[] = [];
  for (const p of phrases) {
    const same = kept.find(
      (k) =>
        (contains(k.key, p.key) || contains(p.key, k.key)) &&
        jaccard(k.mentions, p.mentions) >= minJaccard,
    );
    if (!same) kept.push(p);
  }
  return kept;
}

export function groupCandidates(
  phrases: PhraseStat[],
  o: { minOverlap: number; maxCandidates: number },
): Candidate[] {
  const groups: PhraseStat[][] = [];
  for (const p of phrases) {
    const linked = groups.filter((g) =>
      g.some((q) => overlap(q.mentions, p.mentions) >= o.minOverlap),
    );
    if (linked.length === 0) {
      groups.push([p]);
      continue;
    }
    const [first, ...rest] = linked;
    first!.push(p, ...rest.flat());
    for (const g of rest) groups.splice(groups.indexOf(g), 1);
  }
  return groups
    .map((g) => toCandidate(g))
    .sort((a, b) => b.score - a.score)
    .slice(0, o.maxCandidates);
}

function toCandidate(group: PhraseStat[]): Candidate {
  const sorted = [...group].sort((a, b) => b.z - a.z);
  const [top, ...others] = sorted;
  // The strongest phrase leads; each corroborating phrase adds a little (square root: ten weak
  // phrases of one long post must not outweigh a phrase many people wrote).
  const score = top!.z + 0.5 * Math.sqrt(others.reduce((a, p) => a + Math.max(p.z, 0), 0));
  const hits = new Map<string, number>();
  for (const p of sorted) for (const id of p.mentions) hits.set(id, (hits.get(id) ?? 0) + p.z);
  const mentionIds = [...hits.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id]) => id);
  return {
    label: sorted
      .slice(0, 3)
      .map((p) => p.display)
      .join(' · '),
    score: Math.round(score * 100) / 100,
    phrases: sorted.map((p) => ({
      phrase: p.key,
      display: p.display,
      z: Math.round(p.z * 100) / 100,
      count: p.window,
      baseCount: p.baseline,
    })),
    mentionIds,
  };
}
