import { z } from 'zod';
import { driverSpikeParamsSchema } from '../drivers/driver-spike-params.js';

/** The parameters of each kind of rule, with their defaults and units. */
export const ruleParamsSchemas = {
  /** Fires when a customer's risk goes from below `threshold` to at or above it. */
  risk_threshold: z.object({ threshold: z.number().min(1).max(100).default(60) }).strict(),
  /** Fires when a customer's risk rises by at least `points` in one recomputation. */
  risk_jump: z.object({ points: z.number().min(1).max(100).default(15) }).strict(),
  /** Fires on a mention with churn intent ≥ `minChurnIntent` from an account of these tiers. */
  key_account_churn: z
    .object({
      tiers: z.array(z.string().min(1)).min(1).default(['key']),
      minChurnIntent: z.number().min(0).max(1).default(0.5),
    })
    .strict(),
  /**
   * Fires when negative mentions of a topic (or of each topic, when topicId is absent) in the
   * last `bucketMinutes` are `zScore` standard deviations above the mean of the previous
   * `windowBuckets` buckets, and at least `minCount`; then stays quiet for the rule's cool-down.
   */
  topic_spike: z
    .object({
      topicId: z.string().regex(/^\d+$/).optional(),
      bucketMinutes: z.number().int().min(5).max(1440).default(60),
      windowBuckets: z.number().int().min(3).max(336).default(24),
      zScore: z.number().min(0.5).max(20).default(3),
      minCount: z.number().int().min(1).default(5),
    })
    .strict(),
  /** Fires when the mentions of a driver of discontent spike (see core/drivers/driver-spikes.ts). */
  driver_spike: driverSpikeParamsSchema,
  /**
   * Fires when a source's reply credentials are about to stop working or have stopped (see
   * core/sources/credentials/credential-check.ts).
   */
  credential_health: z.object({}).strict(),
} as const;

export type RuleKind = keyof typeof ruleParamsSchemas;
export const RULE_KINDS = Object.keys(ruleParamsSchemas) as RuleKind[];
export type RuleParams<K extends RuleKind> = z.output<(typeof ruleParamsSchemas)[K]>;

const common = {
  name: z.string().trim().min(1).max(200),
  channel: z.enum(['webhook', 'email']),
  /** A webhook URL, or comma-separated e-mail addresses. */
  target: z.string().trim().min(3).max(2000),
  format: z.enum(['json', 'slack']).default('json'),
  enabled: z.boolean().default(true),
  /** Seconds during which the same rule stays quiet about the same subject. */
  cooldownS: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(3600),
};

export const createRuleSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...common,
      kind: z.literal('risk_threshold'),
      params: ruleParamsSchemas.risk_threshold.default({ threshold: 60 }),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('risk_jump'),
      params: ruleParamsSchemas.risk_jump.default({ points: 15 }),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('key_account_churn'),
      params: ruleParamsSchemas.key_account_churn.default({ tiers: ['key'], minChurnIntent: 0.5 }),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('topic_spike'),
      params: ruleParamsSchemas.topic_spike.default({
        bucketMinutes: 60,
        windowBuckets: 24,
        zScore: 3,
        minCount: 5,
      }),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('driver_spike'),
      params: ruleParamsSchemas.driver_spike.default({
        bucketMinutes: 60,
        windowBuckets: 24,
        zScore: 3,
        minCount: 5,
      }),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('credential_health'),
      params: ruleParamsSchemas.credential_health.default({}),
    })
    .strict(),
]);
export type CreateRule = z.output<typeof createRuleSchema>;

export const updateRuleSchema = z
  .object({
    name: common.name,
    target: common.target,
    format: z.enum(['json', 'slack']),
    enabled: z.boolean(),
    cooldownS: common.cooldownS,
    params: z.record(z.string(), z.unknown()),
  })
  .partial()
  .strict();
export type UpdateRule = z.output<typeof updateRuleSchema>;

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

/** "a@x.fr, b@y.com" → the addresses, or the first bad one. */
export function parseRecipients(target: string): { ok: string[]; bad?: string } {
  const list = target.split(/[,;\s]+/).filter(Boolean);
  const bad = list.find((a) => !EMAIL.test(a));
  return bad ? { ok: [], bad } : { ok: list };
}
