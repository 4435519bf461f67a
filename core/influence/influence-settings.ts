import { z } from 'zod';

/**
 * Every tunable of the influence scores, in one place. Each run stores the settings it used, so
 * a stored score can always be explained. Override per call (tests, CLI) with
 * `influenceSettings({...})`; the defaults below are the product's.
 */
export const influenceSettingsSchema = z
  .object({
    /**
     * Weight of one interaction of each kind on the author → author edge. A repost or quote
     * re-broadcasts the other's words to one's own audience (the strongest endorsement of
     * attention); a reply engages with them; a bare @mention only points at them.
     */
    edgeWeights: z
      .object({
        reply: z.number().min(0).default(1),
        quote: z.number().min(0).default(1),
        repost: z.number().min(0).default(1),
        mention: z.number().min(0).default(0.5),
      })
      .strict()
      .default({ reply: 1, quote: 1, repost: 1, mention: 0.5 }),
    /**
     * Weights of the composite influence score's components; they must add up to 1 so the score
     * lies in 0..100. Network position (PageRank, distinct people who engage) outweighs reach:
     * the product ranks who is listened to, not who has the most followers.
     */
    compositeWeights: z
      .object({
        pagerank: z.number().min(0).default(0.4),
        inDegree: z.number().min(0).default(0.15),
        reach: z.number().min(0).default(0.15),
        engagement: z.number().min(0).default(0.15),
        volume: z.number().min(0).default(0.15),
      })
      .strict()
      .default({ pagerank: 0.4, inDegree: 0.15, reach: 0.15, engagement: 0.15, volume: 0.15 })
      .refine((w) => Math.abs(Object.values(w).reduce((a, b) => a + b, 0) - 1) < 1e-9, {
        message: 'must add up to 1',
      }),
    /** PageRank damping factor (networkx's default). */
    alpha: z.number().min(0).max(1).default(0.85),
    /** An author is "negative" when at least this share of their analysed mentions is. */
    negativeStanceShare: z.number().min(0).max(1).default(0.5),
    /** "positive" when at least this share is positive and the negative share is below 0.25. */
    positiveStanceShare: z.number().min(0).max(1).default(0.5),
    /** A flag-bearer of discontent: negative stance and in this top fraction of the ranking. */
    flagBearerTopShare: z.number().min(0).max(1).default(0.2),
    /** Bot-like: more mentions than this per day of the window on average. */
    botMaxPerDay: z.number().min(1).default(50),
    /** Bot-like: at least this many mentions, of which at most `botMaxDistinctShare` differ. */
    botMinRepeatVolume: z.number().int().min(2).default(5),
    botMaxDistinctShare: z.number().min(0).max(1).default(0.2),
  })
  .strict();

export type InfluenceSettings = z.output<typeof influenceSettingsSchema>;
export type InfluenceSettingsInput = z.input<typeof influenceSettingsSchema>;
export type InteractionKind = keyof InfluenceSettings['edgeWeights'];
export type CompositeComponent = keyof InfluenceSettings['compositeWeights'];

export const INTERACTION_KINDS: readonly InteractionKind[] = [
  'reply',
  'mention',
  'quote',
  'repost',
];

export const DEFAULT_INFLUENCE_SETTINGS: InfluenceSettings = Object.freeze(
  influenceSettingsSchema.parse({}),
);

/** The defaults with some fields replaced; throws a validation error naming the bad field. */
export function influenceSettings(overrides: InfluenceSettingsInput = {}): InfluenceSettings {
  return influenceSettingsSchema.parse(overrides);
}
