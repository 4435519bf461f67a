import { z } from 'zod';
import { backfillPagesField } from '../shared/backfill.js';

export const mastodonConfigSchema = z
  .object({
    /** The instance to ask, e.g. https://mastodon.social; any Mastodon-compatible server. */
    instance: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048),
    /**
     * hashtag: /api/v1/timelines/tag/:tag; search: /api/v2/search?type=statuses; thread: one
     * status and its replies (/api/v1/statuses/:id and /context), followed as they come.
     */
    mode: z.enum(['hashtag', 'search', 'thread']),
    /** Thread mode: the status id on this instance. */
    statusId: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{1,40}$/, 'a status id as the instance writes it')
      .optional(),
    tag: z
      .string()
      .trim()
      .transform((t) => t.replace(/^#/, ''))
      .pipe(z.string().regex(/^[\p{L}\p{N}_]{1,100}$/u, 'letters, digits or "_", without spaces'))
      .optional(),
    query: z.string().trim().min(1).max(500).optional(),
    /** Statuses per request; Mastodon caps timelines at 40. */
    pageSize: z.number().int().min(1).max(40).default(40),
    backfillPages: backfillPagesField,
  })
  .superRefine((c, ctx) => {
    if (c.mode === 'hashtag' && !c.tag) {
      ctx.addIssue({ code: 'custom', path: ['tag'], message: 'is required in hashtag mode' });
    }
    if (c.mode === 'thread' && !c.statusId) {
      ctx.addIssue({ code: 'custom', path: ['statusId'], message: 'is required in thread mode' });
    }
    if (c.mode === 'search' && !c.query) {
      ctx.addIssue({ code: 'custom', path: ['query'], message: 'is required in search mode' });
    }
  });

export type MastodonConfig = z.infer<typeof mastodonConfigSchema>;
