import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { absoluteHttpUrl, htmlToPlainText } from '../shared/html-text.js';
import { isRecord, str } from '../shared/json-body.js';
import { count, finalizeMention } from '../shared/mention-fields.js';

/** An Algolia search hit (story, comment, poll…); fields vary by type and era. */
export interface HnHit {
  objectID: string;
  created_at_i: number;
  [key: string]: unknown;
}

const SITE = 'https://news.ycombinator.com';

export function isHit(value: unknown): value is HnHit {
  return (
    isRecord(value) && typeof value.objectID === 'string' && typeof value.created_at_i === 'number'
  );
}

export function mapHit(hit: HnHit): NormalizedMention | null {
  const isComment = hit.comment_text != null || hasTag(hit, 'comment');
  const title = isComment ? null : (str(hit.title)?.trim() ?? null);
  const html = str(hit.comment_text) ?? str(hit.story_text) ?? '';
  const body = htmlToPlainText(html, SITE);
  const text = [title, body.text].filter(Boolean).join('\n\n');
  const storyUrl = isComment ? null : absoluteHttpUrl(str(hit.url) ?? '');
  const author = str(hit.author);
  return finalizeMention({
    platform: 'hackernews',
    externalId: hit.objectID,
    url: `${SITE}/item?id=${encodeURIComponent(hit.objectID)}`,
    author: author
      ? { id: author, handle: author, profileUrl: `${SITE}/user?id=${encodeURIComponent(author)}` }
      : null,
    title,
    text,
    links: storyUrl && !body.links.includes(storyUrl) ? [storyUrl, ...body.links] : body.links,
    publishedAt: new Date(hit.created_at_i * 1000),
    parentId: isComment ? str(hit.parent_id) : null,
    threadId: isComment ? str(hit.story_id) : null,
    score: typeof hit.points === 'number' ? Math.trunc(hit.points) : null,
    replies: isComment ? null : count(hit.num_comments),
    raw: withoutHighlights(hit),
  });
}

function hasTag(hit: HnHit, tag: string): boolean {
  return Array.isArray(hit._tags) && hit._tags.includes(tag);
}

/** _highlightResult repeats every field with markup: twice the bytes for nothing we use. */
function withoutHighlights(hit: HnHit): HnHit {
  const rest: Record<string, unknown> = { ...hit };
  delete rest._highlightResult;
  return rest as HnHit;
}
