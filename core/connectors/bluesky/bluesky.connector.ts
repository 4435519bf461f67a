import type { Connector, FetchContext, FetchPageResult, Quota } from '../connector.js';
import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { readQuota } from '../../http/rate-limit.js';
import { invalidShape, isRecord, jsonBody } from '../shared/json-body.js';
import { pollNewestFirst, type ListingPage, type ListingRequest } from '../shared/newest-first.js';
import { blueskyConfigSchema, type BlueskyConfig } from './bluesky.config.js';
import { isPostView, mapPost, type PostView } from './bluesky.mapper.js';

/** Bluesky post search (sort=latest), older pages through the opaque `cursor`. */
export const blueskyConnector: Connector<BlueskyConfig> = {
  kind: 'bluesky',
  configSchema: blueskyConfigSchema,
  async fetchPage(ctx): Promise<FetchPageResult> {
    let quota: Quota | undefined;
    const result = await pollNewestFirst<PostView>({
      cursor: ctx.cursor,
      backfillPages: ctx.config.backfillPages,
      idOf: (p) => p.uri,
      // indexedAt is set by the AppView and follows the "latest" order, unlike createdAt.
      keyOf: (p) => isoKey(p.indexedAt),
      fetch: async (request) => {
        const page = await searchPosts(ctx, request);
        quota = page.quota ?? quota;
        return page;
      },
    });
    const mentions = result.items.map(mapPost).filter((m): m is NormalizedMention => m !== null);
    return { mentions, cursor: result.cursor, hasMore: result.hasMore, quota };
  },
};

async function searchPosts(
  { config, http, signal, secret }: FetchContext<BlueskyConfig>,
  request: ListingRequest,
): Promise<ListingPage<PostView> & { quota?: Quota }> {
  const url = `${config.baseUrl.replace(/\/+$/, '')}/xrpc/app.bsky.feed.searchPosts`;
  const params: Record<string, string | number> = {
    q: config.query,
    sort: 'latest',
    limit: config.pageSize,
  };
  if (config.lang) params.lang = config.lang;
  if (request.token) params.cursor = request.token;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (secret) headers.Authorization = `Bearer ${secret}`;
  const res = await http.get<unknown>(url, { params, signal, headers });
  const body = jsonBody(res.data, url);
  if (!isRecord(body) || !Array.isArray(body.posts))
    throw invalidShape(url, 'an object with posts[]');
  const posts = body.posts.filter(isPostView);
  const next =
    typeof body.cursor === 'string' && body.cursor && posts.length > 0 ? body.cursor : null;
  return { items: posts, next, quota: readQuota(res.headers) };
}

function isoKey(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}
