import { z } from 'zod';
import { backfillPagesField } from '../shared/backfill.js';

export const hackerNewsConfigSchema = z
  .object({
    /** The Algolia HN Search API. */
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2048)
      .default('https://hn.algolia.com'),
    /** Search mode: the Algolia query. */
    query: z.string().trim().min(1).max(512).optional(),
    /** Thread mode: one item whose whole discussion (/api/v1/items/:id) is followed. */
    itemId: z.coerce.number().int().min(1).optional(),
    /** Algolia tags filter, e.g. "comment", "story", "(story,comment)", "author_pg". */
    tags: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_,()]{1,200}$/, 'Algolia tags such as "story" or "(story,comment)"')
      .optional(),
    hitsPerPage: z.number().int().min(1).max(1000).default(100),
    backfillPages: backfillPagesField,
  })
  .superRefine((c, ctx) => {
    if (!c.query && c.itemId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['query'],
        message: 'is required unless itemId is set',
      });
    }
  });

export type HackerNewsConfig = z.infer<typeof hackerNewsConfigSchema>;
