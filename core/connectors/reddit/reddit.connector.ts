import type { Connector, FetchContext, FetchPageResult, Quota } from '../connector.js';
import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { readQuota } from '../../http/rate-limit.js';
import { invalidShape, isRecord, jsonBody } from '../shared/json-body.js';
import {
  pollNewestFirst,
  sortableNumber,
  type ListingPage,
  type ListingRequest,
} from '../shared/newest-first.js';
import { redditConfigSchema, type RedditConfig } from './reddit.config.js';
import { isThing, isWithdrawn, mapThing, type RedditThing } from './reddit.mapper.js';

/** Subreddit new posts, subreddit comments and search, newest first, older pages by `after`. */
export const redditConnector: Connector<RedditConfig> = {
  kind: 'reddit',
  configSchema: redditConfigSchema,
  async fetchPage(ctx): Promise<FetchPageResult> {
    let quota: Quota | undefined;
    // Every withdrawn thing on the pages fetched, already seen or not: a listing keeps showing a
    // stored comment in place once its author deletes it, which is how a deletion reaches us.
    const withdrawn = new Set<string>();
    const result = await pollNewestFirst<RedditThing>({
      cursor: ctx.cursor,
      backfillPages: ctx.config.backfillPages,
      idOf: (t) => t.data.name,
      keyOf: (t) => sortableNumber(t.data.created_utc),
      fetch: async (request) => {
        const page = await fetchListing(ctx, request);
        quota = page.quota ?? quota;
        for (const t of page.items) if (isWithdrawn(t)) withdrawn.add(t.data.name);
        return page;
      },
    });
    const mentions = result.items
      .filter((t) => !withdrawn.has(t.data.name))
      .map(mapThing)
      .filter((m): m is NormalizedMention => m !== null);
    const deleted = [...withdrawn];
    return {
      mentions,
      cursor: result.cursor,
      hasMore: result.hasMore,
      quota,
      ...(deleted.length ? { deleted } : {}),
    };
  },
};

async function fetchListing(
  { config, http, signal, secret }: FetchContext<RedditConfig>,
  request: ListingRequest,
): Promise<ListingPage<RedditThing> & { quota?: Quota }> {
  const { url, params } = endpoint(config, request);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (secret) headers.Authorization = `bearer ${secret}`;
  const res = await http.get<unknown>(url, { params, signal, headers });
  const body = jsonBody(res.data, url);
  const data = isRecord(body) && isRecord(body.data) ? body.data : null;
  if (!data || !Array.isArray(data.children))
    throw invalidShape(url, 'a Listing with data.children[]');
  return {
    items: data.children.filter(isThing),
    next: typeof data.after === 'string' && data.after ? data.after : null,
    quota: readQuota(res.headers),
  };
}

function endpoint(config: RedditConfig, request: ListingRequest) {
  const base = config.baseUrl.replace(/\/+$/, '');
  // raw_json=1: bodies without the legacy HTML-entity escaping.
  const params: Record<string, string | number> = { limit: config.pageSize, raw_json: 1 };
  if (request.token) params.after = request.token;
  const sub = config.subreddit ? `/r/${config.subreddit}` : '';
  if (config.mode === 'subreddit') return { url: `${base}${sub}/new.json`, params };
  if (config.mode === 'comments') return { url: `${base}${sub}/comments.json`, params };
  const search = {
    ...params,
    q: config.query ?? '',
    sort: 'new',
    ...(sub ? { restrict_sr: 1 } : {}),
  };
  return { url: `${base}${sub}/search.json`, params: search };
}
