import { z } from 'zod';
import { backfillPagesField } from '../shared/backfill.js';

export const redditConfigSchema = z
  .object({
    /** https://www.reddit.com (public JSON), or https://oauth.reddit.com with a token secret. */
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2048)
      .default('https://www.reddit.com'),
    /** subreddit: /r/x/new; comments: /r/x/comments; search: /search (or /r/x/search). */
    mode: z.enum(['subreddit', 'comments', 'search']),
    subreddit: z
      .string()
      .trim()
      .transform((s) => s.replace(/^\/?r\//i, ''))
      .pipe(z.string().regex(/^[A-Za-z0-9_+]{2,100}$/, 'a subreddit name like "AskReddit"'))
      .optional(),
    query: z.string().trim().min(1).max(512).optional(),
    /** Items per request; Reddit caps listings at 100. */
    pageSize: z.number().int().min(1).max(100).default(100),
    backfillPages: backfillPagesField,
  })
  .superRefine((c, ctx) => {
    if (c.mode !== 'search' && !c.subreddit) {
      ctx.addIssue({
        code: 'custom',
        path: ['subreddit'],
        message: `is required in ${c.mode} mode`,
      });
    }
    if (c.mode === 'search' && !c.query) {
      ctx.addIssue({ code: 'custom', path: ['query'], message: 'is required in search mode' });
    }
  });

export type RedditConfig = z.infer<typeof redditConfigSchema>;
