import type { Connector, FetchContext, FetchPageResult, Quota } from '../connector.js';
import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { readQuota } from '../../http/rate-limit.js';
import { invalidShape, isRecord, jsonBody } from '../shared/json-body.js';
import {
  fromSortableNumber,
  pollNewestFirst,
  sortableNumber,
  type ListingPage,
  type ListingRequest,
} from '../shared/newest-first.js';
import { keepUnseen } from '../shared/seen-ids.js';
import { hackerNewsConfigSchema, type HackerNewsConfig } from './hackernews.config.js';
import { mapHackerNewsBody } from './hackernews.payload.js';
import { isHit, mapHit, type HnHit } from './hackernews.mapper.js';

/**
 * Hacker News through Algolia's search_by_date. Newer items: numericFilters created_at_i>=mark.
 * Older pages: page numbers within a fixed created_at_i<=top window, so items arriving between
 * two requests cannot shift the pages under us.
 */
export const hackerNewsConnector: Connector<HackerNewsConfig> = {
  kind: 'hackernews',
  configSchema: hackerNewsConfigSchema,
  async fetchPage(ctx): Promise<FetchPageResult> {
    if (ctx.config.itemId !== undefined) return fetchThread(ctx, ctx.config.itemId);
    let quota: Quota | undefined;
    const result = await pollNewestFirst<HnHit>({
      cursor: ctx.cursor,
      backfillPages: ctx.config.backfillPages,
      idOf: (h) => h.objectID,
      keyOf: (h) => sortableNumber(h.created_at_i),
      fetch: async (request) => {
        const page = await fetchHits(ctx, request);
        quota = page.quota ?? quota;
        return page;
      },
    });
    const mentions = result.items.map(mapHit).filter((m): m is NormalizedMention => m !== null);
    return { mentions, cursor: result.cursor, hasMore: result.hasMore, quota };
  },
};

/**
 * Thread mode: the item and every comment below it, in one request; only the comments not seen
 * before are new. Each names its parent, so the discussion reaches the reply graph.
 */
async function fetchThread(
  { config, http, signal, cursor }: FetchContext<HackerNewsConfig>,
  itemId: number,
): Promise<FetchPageResult> {
  const url = `${config.baseUrl.replace(/\/+$/, '')}/api/v1/items/${itemId}`;
  const res = await http.get<unknown>(url, { signal });
  const all = mapHackerNewsBody(jsonBody(res.data, url), url);
  const { fresh, cursor: next } = keepUnseen(cursor, all);
  return { mentions: fresh, cursor: next, hasMore: false, quota: readQuota(res.headers) };
}

interface PageToken {
  page: number;
  /** created_at_i upper bound of the window being paged. */
  max: number;
}

async function fetchHits(
  { config, http, signal }: FetchContext<HackerNewsConfig>,
  request: ListingRequest,
): Promise<ListingPage<HnHit> & { quota?: Quota }> {
  const url = `${config.baseUrl.replace(/\/+$/, '')}/api/v1/search_by_date`;
  const token = request.token ? readToken(request.token) : null;
  const filters: string[] = [];
  if (token) filters.push(`created_at_i<=${token.max}`);
  if (request.sinceKey) filters.push(`created_at_i>=${fromSortableNumber(request.sinceKey)}`);
  const params: Record<string, string | number> = {
    query: config.query ?? '',
    hitsPerPage: config.hitsPerPage,
    page: token?.page ?? 0,
  };
  if (config.tags) params.tags = config.tags;
  if (filters.length) params.numericFilters = filters.join(',');
  const res = await http.get<unknown>(url, { params, signal });
  const body = jsonBody(res.data, url);
  if (!isRecord(body) || !Array.isArray(body.hits))
    throw invalidShape(url, 'an object with hits[]');
  const hits = body.hits.filter(isHit);
  return { items: hits, next: nextToken(body, hits, token), quota: readQuota(res.headers) };
}

function nextToken(body: Record<string, unknown>, hits: HnHit[], token: PageToken | null) {
  const page = typeof body.page === 'number' ? body.page : (token?.page ?? 0);
  const nbPages = typeof body.nbPages === 'number' ? body.nbPages : 0;
  if (hits.length === 0 || page + 1 >= nbPages) return null;
  const max = token?.max ?? Math.max(...hits.map((h) => h.created_at_i));
  return JSON.stringify({ page: page + 1, max } satisfies PageToken);
}

function readToken(token: string): PageToken | null {
  try {
    const t = JSON.parse(token) as Partial<PageToken>;
    return typeof t.page === 'number' && typeof t.max === 'number'
      ? { page: t.page, max: t.max }
      : null;
  } catch {
    return null;
  }
}
