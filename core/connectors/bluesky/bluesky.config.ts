import { z } from 'zod';
import { backfillPagesField } from '../shared/backfill.js';

export const blueskyConfigSchema = z
  .object({
    /** An AppView or PDS serving app.bsky.feed.searchPosts. */
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2048)
      .default('https://api.bsky.app'),
    /**
     * search: app.bsky.feed.searchPosts; author: an account's feed (getAuthorFeed), its posts,
     * replies and reposts; list: the posts of a list's members (getListFeed).
     */
    mode: z.enum(['search', 'author', 'list']).default('search'),
    /** Search mode: a Lucene-like search string, as in the Bluesky app. */
    query: z.string().trim().min(1).max(512).optional(),
    /** Author mode: a handle or a DID. */
    actor: z
      .string()
      .trim()
      .regex(/^(did:[a-z]+:[A-Za-z0-9._:%-]{1,200}|[A-Za-z0-9.-]{1,253})$/, 'a handle or a DID')
      .optional(),
    /** List mode: the list's at:// URI. */
    list: z
      .string()
      .trim()
      .regex(/^at:\/\/[^\s/]+\/app\.bsky\.graph\.list\/[A-Za-z0-9]+$/, 'an at:// list URI')
      .optional(),
    /** Only posts tagged with this language (BCP-47), when set. */
    lang: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a language tag such as "fr" or "en-GB"')
      .optional(),
    pageSize: z.number().int().min(1).max(100).default(100),
    backfillPages: backfillPagesField,
  })
  .superRefine((c, ctx) => {
    const needed = { search: 'query', author: 'actor', list: 'list' } as const;
    const field = needed[c.mode];
    if (!c[field]) {
      ctx.addIssue({ code: 'custom', path: [field], message: `is required in ${c.mode} mode` });
    }
  });

export type BlueskyConfig = z.infer<typeof blueskyConfigSchema>;
