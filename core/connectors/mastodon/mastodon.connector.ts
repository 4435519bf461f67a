import LinkHeader from 'http-link-header';
import type { AxiosInstance } from 'axios';
import type { Connector, FetchContext, FetchPageResult } from '../connector.js';
import { header, readQuota, type HeaderBag } from '../../http/rate-limit.js';
import { invalidShape, isRecord, jsonBody } from '../shared/json-body.js';
import {
  fromSortableNumber,
  pollNewestFirst,
  sortableNumber,
  type ListingPage,
  type ListingRequest,
} from '../shared/newest-first.js';
import { keepUnseen } from '../shared/seen-ids.js';
import { mastodonConfigSchema, type MastodonConfig } from './mastodon.config.js';
import { mapMastodonBody } from './mastodon.payload.js';
import { isStatus, mapTimelineItem, type MastodonStatus } from './mastodon.mapper.js';
import type { Quota } from '../connector.js';

/**
 * Mastodon hashtag timelines and status search on any instance. Status ids are snowflakes that
 * sort by time, so they are the listing order; older pages follow the Link header's max_id.
 */
export const mastodonConnector: Connector<MastodonConfig> = {
  kind: 'mastodon',
  configSchema: mastodonConfigSchema,
  async fetchPage(ctx): Promise<FetchPageResult> {
    if (ctx.config.mode === 'thread') return fetchThread(ctx);
    let quota: Quota | undefined;
    const result = await pollNewestFirst<MastodonStatus>({
      cursor: ctx.cursor,
      backfillPages: ctx.config.backfillPages,
      idOf: (s) => String(s.id),
      keyOf: (s) => sortableNumber(s.id),
      fetch: async (request) => {
        const page = await fetchStatuses(ctx, request);
        quota = page.quota ?? quota;
        return page;
      },
    });
    const host = new URL(ctx.config.instance).host;
    const mentions = result.items.flatMap((s) => mapTimelineItem(s, host));
    return { mentions, cursor: result.cursor, hasMore: result.hasMore, quota };
  },
};

/**
 * Thread mode: the status and its context (ancestors and replies), each reply naming its parent;
 * only the statuses not seen before are new.
 */
async function fetchThread(ctx: FetchContext<MastodonConfig>): Promise<FetchPageResult> {
  const base = ctx.config.instance.replace(/\/+$/, '');
  const id = encodeURIComponent(ctx.config.statusId ?? '');
  const statusUrl = `${base}/api/v1/statuses/${id}`;
  const contextUrl = `${statusUrl}/context`;
  const [status, context] = await Promise.all([
    get(ctx.http, statusUrl, {}, ctx.signal, ctx.secret),
    get(ctx.http, contextUrl, {}, ctx.signal, ctx.secret),
  ]);
  const host = new URL(ctx.config.instance).host;
  const thread = jsonBody(context.data, contextUrl);
  const focal = jsonBody(status.data, statusUrl);
  if (!isRecord(thread)) throw invalidShape(contextUrl, 'a context {ancestors, descendants}');
  const ancestors = Array.isArray(thread.ancestors) ? thread.ancestors : [];
  const descendants = Array.isArray(thread.descendants) ? thread.descendants : [];
  const all = mapMastodonBody({ ancestors: [...ancestors, focal], descendants }, host, contextUrl);
  const { fresh, cursor } = keepUnseen(ctx.cursor, all);
  return { mentions: fresh, cursor, hasMore: false, quota: readQuota(context.headers) };
}

async function fetchStatuses(
  { config, http, signal, secret }: FetchContext<MastodonConfig>,
  request: ListingRequest,
): Promise<ListingPage<MastodonStatus> & { quota?: Quota }> {
  const { url, params } = endpoint(config, request);
  const res = await get(http, url, params, signal, secret);
  const body = jsonBody(res.data, url);
  const list = config.mode === 'search' ? (isRecord(body) ? body.statuses : undefined) : body;
  if (!Array.isArray(list)) {
    throw invalidShape(url, config.mode === 'search' ? 'an object with statuses[]' : 'an array');
  }
  const items = list.filter(isStatus);
  return { items, next: nextMaxId(res.headers, items, config), quota: readQuota(res.headers) };
}

function endpoint(config: MastodonConfig, request: ListingRequest) {
  const base = config.instance.replace(/\/+$/, '');
  const params: Record<string, string | number> = { limit: config.pageSize };
  if (request.token) params.max_id = request.token;
  if (request.sinceKey) params.since_id = fromSortableNumber(request.sinceKey);
  if (config.mode === 'hashtag') {
    return { url: `${base}/api/v1/timelines/tag/${encodeURIComponent(config.tag ?? '')}`, params };
  }
  return {
    url: `${base}/api/v2/search`,
    params: { ...params, q: config.query ?? '', type: 'statuses' },
  };
}

function get(
  http: AxiosInstance,
  url: string,
  params: Record<string, string | number>,
  signal: AbortSignal | undefined,
  secret: string | null | undefined,
) {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // Status search returns nothing without a token on most instances; timelines work without.
  if (secret) headers.Authorization = `Bearer ${secret}`;
  return http.get<unknown>(url, { params, signal, headers });
}

/**
 * The next older page: max_id from the Link header's rel="next" (timelines). Search sends no Link
 * header; a full page's oldest id stands in. Only the id is taken from the header, never its
 * host, so a hostile instance cannot send us elsewhere.
 */
function nextMaxId(headers: unknown, items: MastodonStatus[], config: MastodonConfig) {
  const link = header(headers as HeaderBag, 'link');
  if (link) {
    const next = LinkHeader.parse(link).rel('next')[0];
    if (!next) return null;
    try {
      return new URL(next.uri).searchParams.get('max_id');
    } catch {
      return null;
    }
  }
  if (config.mode !== 'search' || items.length < config.pageSize) return null;
  const oldest = items.reduce((a, b) => (sortableNumber(a.id) < sortableNumber(b.id) ? a : b));
  return String(oldest.id);
}
