import { z } from 'zod';

/**
 * Fires when mentions of a driver (or of each driver, when driverKey is absent), within a topic
 * when topicId is given, in the last `bucketMinutes` are `zScore` standard deviations above the
 * mean of the previous `windowBuckets` buckets, and at least `minCount`.
 */
export const driverSpikeParamsSchema = z
  .object({
    driverKey: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,47}$/)
      .optional(),
    topicId: z.string().regex(/^\d+$/).optional(),
    bucketMinutes: z.number().int().min(5).max(1440).default(60),
    windowBuckets: z.number().int().min(3).max(336).default(24),
    zScore: z.number().min(0.5).max(20).default(3),
    minCount: z.number().int().min(1).default(5),
  })
  .strict();
export type DriverSpikeParams = z.output<typeof driverSpikeParamsSchema>;
