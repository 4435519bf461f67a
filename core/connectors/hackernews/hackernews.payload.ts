import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { invalidShape, isRecord } from '../shared/json-body.js';
import { isHit, mapHit, type HnHit } from './hackernews.mapper.js';

/**
 * Hacker News through Algolia: a search page ({hits}) or an item tree (/api/v1/items/:id, the
 * whole discussion below an item, each node with its `children`), walked depth first; every
 * comment names its parent and its story.
 */
export function mapHackerNewsBody(body: unknown, where: string): NormalizedMention[] {
  if (isRecord(body) && Array.isArray(body.hits)) {
    return body.hits.filter(isHit).map(mapHit).filter(isMention);
  }
  if (isItem(body)) {
    const out: NormalizedMention[] = [];
    walk(body, out);
    return out;
  }
  throw invalidShape(where, 'an Algolia search result ({hits}) or item tree ({id, children})');
}

interface HnItem {
  id: number | string;
  created_at_i: number;
  children?: unknown[];
  [key: string]: unknown;
}

function isItem(value: unknown): value is HnItem {
  return (
    isRecord(value) &&
    (typeof value.id === 'number' || typeof value.id === 'string') &&
    typeof value.created_at_i === 'number'
  );
}

function walk(item: HnItem, out: NormalizedMention[]): void {
  const mention = mapHit(asHit(item));
  if (mention) out.push(mention);
  for (const child of item.children ?? []) if (isItem(child)) walk(child, out);
}

/** An item node in the search-hit shape: `text` is the comment's or the story's body. */
function asHit(item: HnItem): HnHit {
  const { id, text, type } = item;
  const rest: Record<string, unknown> = { ...item };
  delete rest.children;
  const isComment = type === 'comment';
  return {
    ...rest,
    objectID: String(id),
    created_at_i: item.created_at_i,
    _tags: [String(type ?? 'story')],
    ...(isComment ? { comment_text: text ?? '' } : { story_text: text ?? null }),
    parent_id: item.parent_id ?? null,
    story_id: item.story_id ?? null,
  };
}

const isMention = (m: NormalizedMention | null): m is NormalizedMention => m !== null;
