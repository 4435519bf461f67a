import { describe, expect, it } from 'vitest';
import { influenceSettings } from '../../../core/influence/influence-settings.js';
import { scoreAuthors, type AuthorMetrics } from '../../../core/influence/influence-score.js';
import { botReason } from '../../../core/influence/bot-like.js';

const settings = influenceSettings();

function author(id: string, m: Partial<AuthorMetrics> = {}): AuthorMetrics {
  return {
    authorId: id,
    platform: 'mastodon',
    lang: 'fr',
    followers: 100,
    pagerank: 0.1,
    inDegree: 1,
    outDegree: 1,
    inWeight: 1,
    outWeight: 1,
    volume: 2,
    interactions: 4,
    analysed: 2,
    negative: 0,
    positive: 1,
    botReason: null,
    ...m,
  };
}

const AUTHORS = [
  author('1', {
    pagerank: 0.5,
    inDegree: 12,
    followers: 30_000,
    volume: 9,
    interactions: 400,
    negative: 7,
    analysed: 9,
  }),
  author('2', { pagerank: 0.2, inDegree: 3, followers: null, volume: 1, interactions: 0 }),
  author('3', {
    pagerank: 0.05,
    inDegree: 0,
    followers: 0,
    volume: 0,
    interactions: 0,
    analysed: 0,
  }),
  author('4', {
    pagerank: 0.25,
    inDegree: 5,
    followers: 800,
    volume: 4,
    interactions: 40,
    negative: 0,
    positive: 3,
    analysed: 4,
  }),
];

describe('composite influence score', () => {
  it('has a breakdown whose contributions add up to the score', () => {
    for (const s of scoreAuthors(AUTHORS, settings)) {
      const parts = Object.values(s.breakdown.components);
      const sum = parts.reduce((acc, c) => acc + c.contribution, 0);
      expect(sum).toBe(s.score);
      expect(s.breakdown.total).toBe(s.score);
      for (const c of parts) expect(c.contribution).toBeCloseTo(100 * c.weight * c.normalised, 12);
    }
  });

  it('gives 100 to an author who leads every metric and 0 to one with nothing', () => {
    const scores = scoreAuthors(AUTHORS, settings);
    expect(scores[0]).toMatchObject({ authorId: '1', rank: 1 });
    expect(scores[0]!.score).toBeCloseTo(100, 10);
    expect(scores.at(-1)).toMatchObject({ authorId: '3', rank: 4 });
    expect(scores.at(-1)!.score).toBeCloseTo((0.05 / 0.5) * 40, 10);
  });

  it('weighs the components with the configured weights', () => {
    const pagerankOnly = influenceSettings({
      compositeWeights: { pagerank: 1, inDegree: 0, reach: 0, engagement: 0, volume: 0 },
    });
    const scores = scoreAuthors(AUTHORS, pagerankOnly);
    expect(scores.map((s) => s.authorId)).toEqual(['1', '4', '2', '3']);
    expect(scores.find((s) => s.authorId === '4')!.score).toBeCloseTo(50, 10);
  });

  it('refuses composite weights that do not add up to 1, naming the field', () => {
    expect(() =>
      influenceSettings({
        compositeWeights: { pagerank: 0.9, inDegree: 0.9, reach: 0, engagement: 0, volume: 0 },
      }),
    ).toThrow(/compositeWeights[\s\S]*must add up to 1/);
  });

  it('labels stance from the share of negative or dissatisfied mentions and marks flag-bearers', () => {
    const byId = new Map(scoreAuthors(AUTHORS, settings).map((s) => [s.authorId, s]));
    expect(byId.get('1')).toMatchObject({ stance: 'negative', flagBearer: true });
    expect(byId.get('1')!.negativeShare).toBeCloseTo(7 / 9, 12);
    expect(byId.get('4')).toMatchObject({ stance: 'positive', flagBearer: false });
    expect(byId.get('3')).toMatchObject({ stance: 'unknown', negativeShare: null });
    expect(byId.get('2')).toMatchObject({ engagementRate: null, engagement: 0 });
  });

  it('never makes a bot-like author a flag-bearer', () => {
    const bot = author('9', {
      pagerank: 0.9,
      inDegree: 20,
      negative: 5,
      analysed: 5,
      botReason: 'repeats',
    });
    const s = scoreAuthors([...AUTHORS, bot], settings).find((x) => x.authorId === '9')!;
    expect(s.rank).toBeLessThanOrEqual(2);
    expect(s).toMatchObject({
      stance: 'negative',
      botLike: true,
      flagBearer: false,
      botReason: 'repeats',
    });
  });
});

describe('bot-like accounts', () => {
  it('explains why an account looks automated, or returns null', () => {
    expect(botReason({ volume: 3, distinctTexts: 3, declaredBot: true }, 30, settings)).toBe(
      'declared automated by the platform',
    );
    expect(
      botReason({ volume: 1600, distinctTexts: 1600, declaredBot: false }, 30, settings),
    ).toMatch(/^53\.3 mentions a day/);
    expect(botReason({ volume: 10, distinctTexts: 1, declaredBot: false }, 30, settings)).toBe(
      '1 distinct texts in 10 mentions',
    );
    expect(
      botReason({ volume: 10, distinctTexts: 9, declaredBot: false }, 30, settings),
    ).toBeNull();
  });
});
