import { z } from 'zod';
import { backfillPagesField } from '../shared/backfill.js';

export const blueskyConfigSchema = z.object({
  /** An AppView or PDS serving app.bsky.feed.searchPosts. */
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2048)
    .default('https://api.bsky.app'),
  /** Lucene-like search string, as in the Bluesky app. */
  query: z.string().trim().min(1).max(512),
  /** Only posts tagged with this language (BCP-47), when set. */
  lang: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a language tag such as "fr" or "en-GB"')
    .optional(),
  pageSize: z.number().int().min(1).max(100).default(100),
  backfillPages: backfillPagesField,
});

export type BlueskyConfig = z.infer<typeof blueskyConfigSchema>;
