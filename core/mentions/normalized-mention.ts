import { z } from 'zod';

/**
 * The one shape every way in (connectors, the signed webhook, file imports) produces, and that
 * ingestion stores. Platform ids are strings; times are ISO-8601 strings or Dates.
 */
export const normalizedAuthorSchema = z.object({
  /** The platform's stable id for the author; the handle when the platform has no other. */
  id: z.string().min(1).max(512),
  handle: z.string().min(1).max(512),
  name: z.string().max(1024).nullish(),
  followers: z.number().int().min(0).nullish(),
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
    z.coerce.date().refine((d) => !Number.isNaN(d.getTime()), 'is not a valid date'),
  ]),
  /** The date as the source wrote it, when it wrote one as text (feeds). */
  publishedRaw: z.string().max(256).nullish(),
  parentId: z.string().max(512).nullish(),
  threadId: z.string().max(512).nullish(),
  quotedId: z.string().max(512).nullish(),
  likes: z.number().int().min(0).nullish(),
  reposts: z.number().int().min(0).nullish(),
  replies: z.number().int().min(0).nullish(),
  score: z.number().int().nullish(),
  raw: z.unknown().optional(),
});

export type NormalizedAuthor = z.infer<typeof normalizedAuthorSchema>;
export type NormalizedMention = z.infer<typeof normalizedMentionSchema>;
export type NormalizedMentionInput = z.input<typeof normalizedMentionSchema>;
