import type { NormalizedMention } from '../../mentions/normalized-mention.js';

/**
 * One item as `ecoute sources preview` prints it and as it is stored: the same function reads
 * both the previewed mentions and the stored rows (see stored-lines), so the two can be compared.
 */
export interface PreviewLine {
  platform: string;
  external_id: string;
  url: string | null;
  title: string | null;
  text: string;
  /** The author's handle (a feed's author name). */
  author: string | null;
  /** ISO-8601 UTC, or null when the source gives no readable date. */
  published_at: string | null;
  /** The date as the source wrote it, when it wrote one as text. */
  published_raw: string | null;
  /** The external id of the post this one answers. */
  in_reply_to: string | null;
  /** The thread's root, when the platform names it. */
  thread: string | null;
  /** For a repost: who reposted (handle); the reposted post is `repost_of`. */
  reposted_by: string | null;
  repost_of: string | null;
  /** A post quoted with words of its own. */
  quotes: string | null;
  lang: string | null;
}

/** The fields of a mention that a line shows, stored or not. */
export type LineSource = Pick<
  NormalizedMention,
  | 'platform'
  | 'externalId'
  | 'url'
  | 'title'
  | 'text'
  | 'author'
  | 'publishedAt'
  | 'publishedRaw'
  | 'parentId'
  | 'threadId'
  | 'quotedId'
  | 'langHint'
>;

/**
 * Mentions as preview lines. A repost is a mention by the reposter that quotes a post with the
 * same words (the influence graph's rule, see interaction.repository); `texts` gives the words
 * of quoted posts that are not in the list (stored earlier).
 */
export function previewLines(
  mentions: readonly LineSource[],
  texts: ReadonlyMap<string, string> = new Map(),
): PreviewLine[] {
  const textOf = new Map(texts);
  for (const m of mentions) textOf.set(m.externalId, m.text);
  return mentions.map((m) => {
    const quoted = m.quotedId ?? null;
    const repost = quoted !== null && textOf.get(quoted) === m.text;
    return {
      platform: m.platform,
      external_id: m.externalId,
      url: m.url ?? null,
      title: m.title ?? null,
      text: m.text,
      author: m.author?.handle ?? null,
      published_at: m.publishedAt ? new Date(m.publishedAt).toISOString() : null,
      published_raw: m.publishedRaw ?? null,
      in_reply_to: m.parentId ?? null,
      thread: m.threadId ?? null,
      reposted_by: repost ? (m.author?.handle ?? null) : null,
      repost_of: repost ? quoted : null,
      quotes: repost ? null : quoted,
      lang: m.langHint ?? null,
    };
  });
}
