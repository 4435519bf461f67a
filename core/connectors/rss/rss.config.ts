import { z } from 'zod';

export const rssConfigSchema = z.object({
  /** The feed's own URL (RSS 0.9x/1.0/2.0 or Atom). */
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048),
});

export type RssConfig = z.infer<typeof rssConfigSchema>;

/** Ids remembered to tell new items from old: feeds rarely carry more than 100 items. */
export const SEEN_IDS_KEPT = 500;

export interface RssCursor {
  [key: string]: unknown;
  /** Ids of the items already returned, newest first, at most SEEN_IDS_KEPT. */
  seen: string[];
  /** Latest item date seen (ISO-8601), for display and health; null before any dated item. */
  lastPublishedAt: string | null;
  /** Conditional GET validators from the last 200 response. */
  etag?: string | null;
  lastModified?: string | null;
}
