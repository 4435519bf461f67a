import { z } from 'zod';

/** Counts are stored as Postgres `integer`: a larger value would refuse the whole batch. */
const INT4_MAX = 2_147_483_647;
const count = () => z.number().int().min(0).max(INT4_MAX);
/** Postgres `timestamptz` starts in 4713 BC; JavaScript dates reach further back. */
const EARLIEST_STORABLE = Date.UTC(-4712, 0, 1);

/**
 * The one shape every way in (connectors, the signed webhook, file imports) produces, and that
 * ingestion stores. Platform ids are strings; times are ISO-8601 strings or Dates.
 */
export const normalizedAuthorSchema = z.object({
  /** The platform's stable id for the author; the handle when the platform has no other. */
  id: z.string().min(1).max(512),
  handle: z.string().min(1).max(512),
  name: z.string().max(1024).nullish(),
  followers: count().nullish(),
  profileUrl: z.string().max(2048).nullish(),
});

export const normalizedMentionSchema = z.object({
  platform: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9_.-]+$/, 'lower-case letters, digits, "_", "." or "-"'),
  externalId: z.string().min(1).max(512),
  url: z.string().max(2048).nullish(),
  author: normalizedAuthorSchema.nullish(),
  title: z.string().max(4096).nullish(),
  text: z.string().min(1, 'is empty').max(100_000),
  links: z.array(z.string().max(2048)).max(200).default([]),
  langHint: z.string().max(16).nullish(),
  /**
   * When the author published it; null when the source gives no date or one that cannot be
   * read (the raw string is then in publishedRaw). Never replaced by the time it was fetched.
   */
  publishedAt: z.union([
    z.null(),
    z.coerce
      .date()
      .refine((d) => !Number.isNaN(d.getTime()), 'is not a valid date')
      .refine((d) => d.getTime() >= EARLIEST_STORABLE, 'is before 4713 BC'),
  ]),
  /** The date as the source wrote it, when it wrote one as text (feeds). */
  publishedRaw: z.string().max(256).nullish(),
  parentId: z.string().max(512).nullish(),
  threadId: z.string().max(512).nullish(),
  quotedId: z.string().max(512).nullish(),
  likes: count().nullish(),
  reposts: count().nullish(),
  replies: count().nullish(),
  score: z
    .number()
    .int()
    .min(-INT4_MAX - 1)
    .max(INT4_MAX)
    .nullish(),
  raw: z.unknown().optional(),
});

export type NormalizedAuthor = z.infer<typeof normalizedAuthorSchema>;
export type NormalizedMention = z.infer<typeof normalizedMentionSchema>;
export type NormalizedMentionInput = z.input<typeof normalizedMentionSchema>;
