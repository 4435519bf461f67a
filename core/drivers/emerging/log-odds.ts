/**
 * Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin'
 * Words", eq. 22 and its variance): how much more often a phrase occurs in the window than in the
 * baseline, shrunk towards the phrase's overall frequency, divided by its standard deviation.
 * Rare phrases get small z-scores however large their raw ratio: a phrase seen twice in the
 * window and never before does not outrank one seen forty times where it used to be seen twice.
 */

export interface PhraseCount {
  /** Occurrences in the window (here: mentions containing the phrase). */
  window: number;
  baseline: number;
}

export interface LogOddsOptions {
  /** Total prior count α0 spread over phrases by their pooled frequency. */
  priorStrength: number;
}

export const DEFAULT_PRIOR_STRENGTH = 500;

export interface LogOdds {
  delta: number;
  variance: number;
  z: number;
}

/**
 * δ = log((yi+αw)/(ni+α0−yi−αw)) − log((yj+αw)/(nj+α0−yj−αw)), σ² ≈ 1/(yi+αw) + 1/(yj+αw),
 * with αw = α0 · (yi+yj)/(ni+nj): i the window, j the baseline, n the totals of all phrases.
 */
export function logOdds(
  c: PhraseCount,
  windowTotal: number,
  baselineTotal: number,
  o: LogOddsOptions,
): LogOdds {
  const pooled = windowTotal + baselineTotal;
  const a0 = o.priorStrength;
  const aw = pooled === 0 ? 0 : (a0 * (c.window + c.baseline)) / pooled;
  const wi = Math.log((c.window + aw) / (windowTotal + a0 - c.window - aw));
  const wj = Math.log((c.baseline + aw) / (baselineTotal + a0 - c.baseline - aw));
  const delta = wi - wj;
  const variance = 1 / (c.window + aw) + 1 / (c.baseline + aw);
  return { delta, variance, z: delta / Math.sqrt(variance) };
}

export interface RankedPhrase extends PhraseCount, LogOdds {
  key: string;
}

/**
 * Phrases ranked by z, keeping those seen in at least `minCount` window mentions and more often
 * (relatively) than in the baseline. Totals are the sums of all phrase counts of each side.
 */
export function rankPhrases(
  counts: Map<string, PhraseCount>,
  o: LogOddsOptions & { minCount: number; minZ: number },
): RankedPhrase[] {
  let windowTotal = 0;
  let baselineTotal = 0;
  for (const c of counts.values()) {
    windowTotal += c.window;
    baselineTotal += c.baseline;
  }
  const out: RankedPhrase[] = [];
  for (const [key, c] of counts) {
    if (c.window < o.minCount) continue;
    const s = logOdds(c, windowTotal, baselineTotal, o);
    if (s.z >= o.minZ) out.push({ key, ...c, ...s });
  }
  return out.sort((a, b) => b.z - a.z || b.window - a.window || a.key.localeCompare(b.key));
}
