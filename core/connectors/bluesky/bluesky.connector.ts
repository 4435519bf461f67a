import type { Connector, FetchContext, FetchPageResult, Quota } from '../connector.js';
import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { readQuota } from '../../http/rate-limit.js';
import { invalidShape, isRecord, jsonBody, str } from '../shared/json-body.js';
import { pollNewestFirst, type ListingPage, type ListingRequest } from '../shared/newest-first.js';
import { blueskyConfigSchema, type BlueskyConfig } from './bluesky.config.js';
import { isPostView, mapPost, type PostView } from './bluesky.mapper.js';
import { mapBlueskyBody } from './bluesky.payload.js';

/** Bluesky post search (sort=latest), older pages through the opaque `cursor`. */
export const blueskyConnector: Connector<BlueskyConfig> = {
  kind: 'bluesky',
  configSchema: blueskyConfigSchema,
  async fetchPage(ctx): Promise<FetchPageResult> {
    if (ctx.config.mode !== 'search') return fetchFeed(ctx);
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

/** A feed entry: a post, with its reply context and, for a repost, who reposted it and when. */
type FeedItem = { post: PostView; reason?: Record<string, unknown> };

/**
 * Author and list feeds, newest first, older pages through `cursor`. An entry is ordered by when
 * it entered the feed (a repost's own time), and a repost is its own item: the same post
 * reposted is new again.
 */
async function fetchFeed(ctx: FetchContext<BlueskyConfig>): Promise<FetchPageResult> {
  let quota: Quota | undefined;
  const result = await pollNewestFirst<FeedItem>({
    cursor: ctx.cursor,
    backfillPages: ctx.config.backfillPages,
    idOf: (i) => (repostBy(i) ? `${i.post.uri}#repost-by-${repostBy(i)}` : i.post.uri),
    keyOf: (i) => isoKey(str(i.reason?.indexedAt) ?? i.post.indexedAt),
    fetch: async (request) => {
      const page = await feedPage(ctx, request);
      quota = page.quota ?? quota;
      return page;
    },
  });
  const mentions = mapBlueskyBody({ feed: result.items }, 'feed');
  return { mentions, cursor: result.cursor, hasMore: result.hasMore, quota };
}

function repostBy(item: FeedItem): string | null {
  const by = item.reason?.by;
  return isRecord(by) ? str(by.did) : null;
}

async function feedPage(
  { config, http, signal, secret }: FetchContext<BlueskyConfig>,
  request: ListingRequest,
): Promise<ListingPage<FeedItem> & { quota?: Quota }> {
  const method = config.mode === 'author' ? 'getAuthorFeed' : 'getListFeed';
  const url = `${config.baseUrl.replace(/\/+$/, '')}/xrpc/app.bsky.feed.${method}`;
  const params: Record<string, string | number> = { limit: config.pageSize };
  if (config.mode === 'author') params.actor = config.actor ?? '';
  else params.list = config.list ?? '';
  if (request.token) params.cursor = request.token;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (secret) headers.Authorization = `Bearer ${secret}`;
  const res = await http.get<unknown>(url, { params, signal, headers });
  const body = jsonBody(res.data, url);
  if (!isRecord(body) || !Array.isArray(body.feed))
    throw invalidShape(url, 'an object with feed[]');
  const items = body.feed.filter(
    (i): i is FeedItem =>
      isRecord(i) && isPostView(i.post) && (i.reason === undefined || isRecord(i.reason)),
  );
  const next =
    typeof body.cursor === 'string' && body.cursor && items.length > 0 ? body.cursor : null;
  return { items, next, quota: readQuota(res.headers) };
}

async function searchPosts(
  { config, http, signal, secret }: FetchContext<BlueskyConfig>,
  request: ListingRequest,
): Promise<ListingPage<PostView> & { quota?: Quota }> {
  const url = `${config.baseUrl.replace(/\/+$/, '')}/xrpc/app.bsky.feed.searchPosts`;
  const params: Record<string, string | number> = {
    q: config.query ?? '',
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
