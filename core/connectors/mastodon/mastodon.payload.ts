import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { invalidShape, isRecord } from '../shared/json-body.js';
import { isStatus, mapTimelineItem } from './mastodon.mapper.js';

/**
 * Every shape of Mastodon response that carries statuses: a timeline (an array), a v2 search
 * ({statuses}), a thread (/statuses/:id/context: {ancestors, descendants}, each reply naming its
 * parent) or one Status. `host` is the instance that served it (status ids are local to it).
 */
export function mapMastodonBody(body: unknown, host: string, where: string): NormalizedMention[] {
  const list = statusesOf(body);
  if (!list) {
    throw invalidShape(where, 'a Mastodon timeline, search result, status context or status');
  }
  const out: NormalizedMention[] = [];
  const seen = new Set<string>();
  for (const s of list.filter(isStatus)) {
    for (const m of mapTimelineItem(s, host)) {
      if (seen.has(m.externalId)) continue;
      seen.add(m.externalId);
      out.push(m);
    }
  }
  return out;
}

function statusesOf(body: unknown): unknown[] | null {
  if (Array.isArray(body)) return body;
  if (!isRecord(body)) return null;
  if (Array.isArray(body.statuses)) return body.statuses;
  if (Array.isArray(body.ancestors) || Array.isArray(body.descendants)) {
    // Oldest first: the ancestors, then the replies below the status asked for.
    const up = Array.isArray(body.ancestors) ? body.ancestors : [];
    const down = Array.isArray(body.descendants) ? body.descendants : [];
    return [...up, ...down];
  }
  return isStatus(body) ? [body] : null;
}
