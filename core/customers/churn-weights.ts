import { z } from 'zod';
import { invalid } from '../errors.js';

/**
 * The churn-risk weights, in ONE place. A score is 0–100 and is the exact sum of four factors,
 * each capped by its `max…Points` (the caps add up to 100):
 *
 * 1. signals (≤ maxSignalPoints): every mention of the account's linked authors in the last
 *    `windowDays` adds Σ signalWeights[s] × score_s × decay, where decay = 0.5^(age days /
 *    halfLifeDays): a mention loses half its weight every `halfLifeDays`. The sum P ("pressure")
 *    is turned into points by maxSignalPoints × (1 − e^(−P / signalSaturation)), so one strong
 *    churn-intent mention (P ≈ 1) already gives ~63 % of the cap and more mentions approach it.
 *    The points are shared among mentions and signals in proportion to what each added.
 * 2. trend (≤ maxTrendPoints): the account's signal intensity per day over the last
 *    `recentDays` against its own baseline (per day over the rest of the window):
 *    maxTrendPoints × max(0, (recent − baseline) / (recent + baseline)).
 * 3. negativeShare (≤ maxNegativePoints): the decayed share of negative mentions, damped for
 *    small numbers by n / (n + negativeShareDamping).
 * 4. conversations (≤ maxConversationPoints): from the inbox, each conversation of the account
 *    still waiting for its first answer adds `pointsPerUnanswered`, each missed response or
 *    resolution target of the last 90 days `pointsPerBreach`, up to the cap: a customer left
 *    waiting is a customer drifting away.
 *
 * Override any of these with ECOUTE_CHURN_WEIGHTS (JSON, e.g. {"halfLifeDays": 21}).
 */
export const DEFAULT_CHURN_WEIGHTS = Object.freeze({
  signalWeights: Object.freeze({
    churn_intent: 1,
    discontent: 0.45,
    disappointment: 0.35,
    confusion: 0.15,
  }),
  halfLifeDays: 14,
  windowDays: 120,
  recentDays: 14,
  signalSaturation: 1,
  maxSignalPoints: 55,
  maxTrendPoints: 15,
  maxNegativePoints: 15,
  maxConversationPoints: 15,
  pointsPerUnanswered: 5,
  pointsPerBreach: 4,
  negativeShareDamping: 2,
  /** Score from which an account counts as "at risk" in roll-ups and the board's filter. */
  atRiskThreshold: 50,
});

export type SignalName = keyof typeof DEFAULT_CHURN_WEIGHTS.signalWeights;
export const SIGNAL_NAMES = Object.keys(DEFAULT_CHURN_WEIGHTS.signalWeights) as SignalName[];

const positive = z.number().positive();
const weightsSchema = z
  .object({
    signalWeights: z
      .object({
        churn_intent: z.number().min(0),
        discontent: z.number().min(0),
        disappointment: z.number().min(0),
        confusion: z.number().min(0),
      })
      .partial()
      .strict(),
    halfLifeDays: positive,
    windowDays: positive,
    recentDays: positive,
    signalSaturation: positive,
    maxSignalPoints: z.number().min(0),
    maxTrendPoints: z.number().min(0),
    maxNegativePoints: z.number().min(0),
    maxConversationPoints: z.number().min(0),
    pointsPerUnanswered: z.number().min(0),
    pointsPerBreach: z.number().min(0),
    negativeShareDamping: z.number().min(0),
    atRiskThreshold: z.number().min(0).max(100),
  })
  .partial()
  .strict();

export type ChurnWeights = {
  -readonly [K in keyof typeof DEFAULT_CHURN_WEIGHTS]: K extends 'signalWeights'
    ? Record<SignalName, number>
    : number;
};

/** The defaults with an override (JSON text from the environment, or an object) applied. */
export function churnWeights(override?: string | Partial<ChurnWeights>): ChurnWeights {
  const base: ChurnWeights = {
    ...DEFAULT_CHURN_WEIGHTS,
    signalWeights: { ...DEFAULT_CHURN_WEIGHTS.signalWeights },
  };
  if (!override) return base;
  let raw: unknown = override;
  if (typeof override === 'string') {
    try {
      raw = JSON.parse(override);
    } catch {
      throw invalid('ECOUTE_CHURN_WEIGHTS', 'is not JSON');
    }
  }
  const parsed = weightsSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw invalid(`ECOUTE_CHURN_WEIGHTS.${i.path.join('.')}`, i.message);
  }
  const { signalWeights, ...rest } = parsed.data;
  const merged: ChurnWeights = {
    ...base,
    ...rest,
    signalWeights: { ...base.signalWeights, ...signalWeights },
  };
  const caps =
    merged.maxSignalPoints +
    merged.maxTrendPoints +
    merged.maxNegativePoints +
    merged.maxConversationPoints;
  if (caps > 100)
    throw invalid('ECOUTE_CHURN_WEIGHTS', `the factor caps add up to ${caps}; at most 100`);
  return merged;
}
