import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { invalidShape, isRecord } from '../shared/json-body.js';
import { isThing, isWithdrawn, mapThing, type RedditThing } from './reddit.mapper.js';

/**
 * A Reddit listing (posts, comments or search) or a submission's page ([post listing, comment
 * listing]) with its reply tree walked depth first; "more" stubs and withdrawn things are not
 * items. Each comment names its parent (`parent_id`) and its submission (`link_id`).
 */
export function mapRedditBody(body: unknown, where: string): NormalizedMention[] {
  const listings = Array.isArray(body) ? body : [body];
  if (!listings.every(isListing)) {
    throw invalidShape(where, 'a Reddit Listing or a [post, comments] pair of Listings');
  }
  const things: RedditThing[] = [];
  for (const listing of listings) collect(listing, things);
  return things
    .filter((t) => !isWithdrawn(t))
    .map(mapThing)
    .filter((m): m is NormalizedMention => m !== null);
}

function isListing(value: unknown): value is { data: { children: unknown[] } } {
  return isRecord(value) && isRecord(value.data) && Array.isArray(value.data.children);
}

function collect(listing: { data: { children: unknown[] } }, out: RedditThing[]): void {
  for (const child of listing.data.children) {
    if (!isThing(child)) continue;
    out.push(child);
    const replies = child.data.replies;
    if (isListing(replies)) collect(replies, out);
  }
}
