import { describe, expect, it } from 'vitest';
import { logOdds, rankPhrases } from '../../../core/drivers/emerging/log-odds.js';

describe('log-odds with an informative Dirichlet prior', () => {
  it('matches the formula worked out by hand on small counts', () => {
    // Window: phrase 10 of 100 counts; baseline: 10 of 1000; α0 = 110, so αw = 110·20/1100 = 2.
    const s = logOdds({ window: 10, baseline: 10 }, 100, 1000, { priorStrength: 110 });
    const expected = Math.log(12 / (100 + 110 - 10 - 2)) - Math.log(12 / (1000 + 110 - 10 - 2));
    expect(s.delta).toBeCloseTo(expected, 10);
    expect(s.variance).toBeCloseTo(1 / 12 + 1 / 12, 10);
    expect(s.z).toBeCloseTo(expected / Math.sqrt(1 / 6), 10);
    // log(12/198) − log(12/1098) = 1.71298; ÷ √(1/6) = 4.19592.
    expect(s.z).toBeCloseTo(4.19592, 4);
  });

  it('gives zero when the phrase keeps the same rate in both periods', () => {
    const s = logOdds({ window: 5, baseline: 50 }, 100, 1000, { priorStrength: 500 });
    expect(s.delta).toBeCloseTo(0, 10);
    expect(s.z).toBeCloseTo(0, 10);
  });

  it('ranks a phrase many people wrote above a rare one with a larger raw ratio', () => {
    const counts = new Map([
      ['rare', { window: 2, baseline: 0 }],
      ['frequent', { window: 40, baseline: 20 }],
      ['usual', { window: 10, baseline: 100 }],
      ['filler', { window: 48, baseline: 880 }],
    ]);
    const ranked = rankPhrases(counts, { priorStrength: 500, minCount: 1, minZ: -Infinity });
    expect(ranked.map((r) => r.key)).toEqual(['frequent', 'rare', 'usual', 'filler']);
    expect(ranked[0]!.z).toBeGreaterThan(3 * ranked[1]!.z);
  });

  it('leaves out phrases under the minimum count or the minimum z', () => {
    const counts = new Map([
      ['twice', { window: 2, baseline: 0 }],
      ['steady', { window: 10, baseline: 100 }],
      ['rising', { window: 30, baseline: 10 }],
      ['rest', { window: 58, baseline: 890 }],
    ]);
    const ranked = rankPhrases(counts, { priorStrength: 500, minCount: 3, minZ: 1.96 });
    expect(ranked.map((r) => r.key)).toEqual(['rising']);
  });
});
