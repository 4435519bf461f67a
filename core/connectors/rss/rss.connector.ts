import type { Connector, FetchPageResult, SourceCursor } from '../connector.js';
import { header, readQuota, type HeaderBag } from '../../http/rate-limit.js';
import { readFeedBody } from './feed-body.js';
import { rssConfigSchema, SEEN_IDS_KEPT, type RssConfig, type RssCursor } from './rss.config.js';

/** RSS and Atom feeds: one GET per poll, items not seen before are new. */
export const rssConnector: Connector<RssConfig> = {
  kind: 'rss',
  configSchema: rssConfigSchema,
  async fetchPage({ config, cursor, http, signal }): Promise<FetchPageResult> {
    const previous = readCursor(cursor);
    const res = await http.get<ArrayBuffer>(config.url, {
      responseType: 'arraybuffer',
      signal,
      headers: conditionalHeaders(previous),
      validateStatus: (s) => (s >= 200 && s < 300) || s === 304,
    });
    const quota = readQuota(res.headers as HeaderBag);
    if (res.status === 304) return { mentions: [], cursor: previous, hasMore: false, quota };
    const {
      mentions: all,
      decoding,
      warnings,
    } = readFeedBody(
      Buffer.from(res.data),
      header(res.headers as HeaderBag, 'content-type'),
      config.url,
    );
    const seen = new Set(previous.seen);
    const fresh = all.filter((m) => !seen.has(m.externalId));
    return {
      mentions: dedupe(fresh),
      cursor: nextCursor(previous, fresh, res.headers as HeaderBag),
      hasMore: false,
      quota,
      notes: { decoding, warnings },
    };
  },
};

function readCursor(cursor: SourceCursor | null): RssCursor {
  const seen = Array.isArray(cursor?.seen) ? cursor.seen.filter((s) => typeof s === 'string') : [];
  return {
    seen,
    lastPublishedAt: typeof cursor?.lastPublishedAt === 'string' ? cursor.lastPublishedAt : null,
    etag: typeof cursor?.etag === 'string' ? cursor.etag : null,
    lastModified: typeof cursor?.lastModified === 'string' ? cursor.lastModified : null,
  };
}

function conditionalHeaders(cursor: RssCursor): Record<string, string> {
  const headers: Record<string, string> = {};
  if (cursor.etag) headers['If-None-Match'] = cursor.etag;
  if (cursor.lastModified) headers['If-Modified-Since'] = cursor.lastModified;
  return headers;
}

function nextCursor(
  previous: RssCursor,
  fresh: { externalId: string; publishedAt: Date | null }[],
  headers: HeaderBag,
): RssCursor {
  const ids = [...new Set([...fresh.map((m) => m.externalId), ...previous.seen])];
  let last = previous.lastPublishedAt ? Date.parse(previous.lastPublishedAt) : -Infinity;
  for (const m of fresh) if (m.publishedAt) last = Math.max(last, m.publishedAt.getTime());
  return {
    seen: ids.slice(0, SEEN_IDS_KEPT),
    lastPublishedAt: Number.isFinite(last) ? new Date(last).toISOString() : null,
    etag: header(headers, 'etag') ?? null,
    lastModified: header(headers, 'last-modified') ?? null,
  };
}

/** A feed that repeats an id would otherwise insert the same mention twice in one batch. */
function dedupe<T extends { externalId: string }>(items: T[]): T[] {
  const ids = new Set<string>();
  return items.filter((m) => (ids.has(m.externalId) ? false : (ids.add(m.externalId), true)));
}
