import { describe, expect, it } from 'vitest';
import { scoreChurnRisk, type ScoredMention } from '../../../core/customers/churn-score.js';
import { churnWeights, DEFAULT_CHURN_WEIGHTS } from '../../../core/customers/churn-weights.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const W = churnWeights();
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
let seq = 0;
const mention = (
  d: number,
  signals: ScoredMention['signals'],
  sentiment: ScoredMention['sentiment'] = 'negative',
): ScoredMention => ({
  id: String(++seq),
  publishedAt: daysAgo(d),
  sentiment,
  signals,
});

function sumParts(b: ReturnType<typeof scoreChurnRisk>): number {
  const f = b.factors;
  return f.signals.points + f.trend.points + f.negativeShare.points + f.conversations.points;
}

describe('churn risk score', () => {
  it('gives an account without mentions a score of zero', () => {
    const b = scoreChurnRisk([], W, NOW);
    expect(b.score).toBe(0);
    expect(b.mentions).toEqual([]);
  });

  it('moves more for one churn-intent mention than for one mild complaint', () => {
    const calm = [mention(40, {}, 'neutral'), mention(60, {}, 'positive')];
    const churn = scoreChurnRisk(
      [...calm, mention(1, { churn_intent: 0.9, discontent: 0.3 })],
      W,
      NOW,
    );
    const mild = scoreChurnRisk([...calm, mention(1, { discontent: 0.3 })], W, NOW);
    expect(churn.score).toBeGreaterThan(mild.score + 15);
    expect(churn.factors.signals.bySignal.churn_intent).toBeGreaterThan(
      churn.factors.signals.bySignal.discontent,
    );
  });

  it('lets old signals decay with the documented half-life', () => {
    const fresh = scoreChurnRisk([mention(0, { churn_intent: 0.2 })], W, NOW);
    const old = scoreChurnRisk([mention(W.halfLifeDays, { churn_intent: 0.2 })], W, NOW);
    expect(old.factors.signals.pressure).toBeCloseTo(fresh.factors.signals.pressure / 2, 2);
    const ancient = scoreChurnRisk([mention(W.windowDays + 5, { churn_intent: 1 })], W, NOW);
    expect(ancient.score).toBe(0);
  });

  it('builds a breakdown whose parts add up to the score', () => {
    const history = [
      mention(1, { churn_intent: 0.8, discontent: 0.6 }),
      mention(3, { disappointment: 0.7 }),
      mention(10, { confusion: 0.9 }, 'neutral'),
      mention(30, { discontent: 0.4 }),
      mention(50, {}, 'positive'),
      ...Array.from({ length: 12 }, (_, i) => mention(2 + i, { discontent: 0.2 })),
    ];
    const b = scoreChurnRisk(history, W, NOW);
    expect(b.score).toBeCloseTo(sumParts(b), 6);
    const bySignal = Object.values(b.factors.signals.bySignal).reduce((a, x) => a + x, 0);
    expect(bySignal).toBeCloseTo(b.factors.signals.points, 6);
    const byMention = b.mentions.reduce((a, m) => a + m.points, 0) + b.otherMentionsPoints;
    expect(byMention).toBeCloseTo(b.factors.signals.points, 6);
    expect(b.mentions).toHaveLength(10);
    expect(b.score).toBeLessThanOrEqual(100);
  });

  it('adds trend points when recent signals exceed the account’s own baseline', () => {
    const baseline = [mention(60, { discontent: 0.5 }), mention(80, { discontent: 0.5 })];
    const rising = scoreChurnRisk(
      [...baseline, mention(2, { discontent: 0.5 }), mention(3, { discontent: 0.5 })],
      W,
      NOW,
    );
    const steady = scoreChurnRisk(baseline, W, NOW);
    expect(rising.factors.trend.points).toBeGreaterThan(0);
    expect(steady.factors.trend.points).toBe(0);
  });

  it('adds points for conversations left unanswered and targets missed, up to the cap', () => {
    const quiet = scoreChurnRisk([mention(1, { churn_intent: 1 })], W, NOW);
    const waiting = scoreChurnRisk([mention(1, { churn_intent: 1 })], W, NOW, {
      unanswered: 1,
      breached: 1,
    });
    expect(quiet.factors.conversations.points).toBe(0);
    expect(waiting.factors.conversations.points).toBe(W.pointsPerUnanswered + W.pointsPerBreach);
    expect(waiting.score).toBeCloseTo(quiet.score + W.pointsPerUnanswered + W.pointsPerBreach, 2);
    const flooded = scoreChurnRisk([], W, NOW, { unanswered: 30, breached: 30 });
    expect(flooded.factors.conversations.points).toBe(W.maxConversationPoints);
    expect(flooded.score).toBe(W.maxConversationPoints);
  });
});

describe('churn weights', () => {
  it('applies an override from JSON and keeps the other defaults', () => {
    const w = churnWeights('{"halfLifeDays": 21, "signalWeights": {"confusion": 0.3}}');
    expect(w.halfLifeDays).toBe(21);
    expect(w.signalWeights.confusion).toBe(0.3);
    expect(w.signalWeights.churn_intent).toBe(DEFAULT_CHURN_WEIGHTS.signalWeights.churn_intent);
  });

  it('refuses caps that add up to more than 100 and names the variable', () => {
    expect(() => churnWeights('{"maxSignalPoints": 90}')).toThrow(/ECOUTE_CHURN_WEIGHTS.*100/);
    expect(() => churnWeights('{"halfLifeDays": -1}')).toThrow(/halfLifeDays/);
  });
});
