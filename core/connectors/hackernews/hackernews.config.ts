import { z } from 'zod';
import { backfillPagesField } from '../shared/backfill.js';

export const hackerNewsConfigSchema = z.object({
  /** The Algolia HN Search API. */
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2048)
    .default('https://hn.algolia.com'),
  query: z.string().trim().min(1).max(512),
  /** Algolia tags filter, e.g. "comment", "story", "(story,comment)", "author_pg". */
  tags: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_,()]{1,200}$/, 'Algolia tags such as "story" or "(story,comment)"')
    .optional(),
  hitsPerPage: z.number().int().min(1).max(1000).default(100),
  backfillPages: backfillPagesField,
});

export type HackerNewsConfig = z.infer<typeof hackerNewsConfigSchema>;
