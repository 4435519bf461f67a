import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { ConnectorError } from '../../connectors/connector-error.js';
import { mapBlueskyBody } from '../../connectors/bluesky/bluesky.payload.js';
import { mapHackerNewsBody } from '../../connectors/hackernews/hackernews.payload.js';
import { mapMastodonBody } from '../../connectors/mastodon/mastodon.payload.js';
import { mapRedditBody } from '../../connectors/reddit/reddit.payload.js';
import type { Decoding } from '../../connectors/rss/feed-decode.js';
import { readFeedBody } from '../../connectors/rss/feed-body.js';
import { isRecord, jsonBody, str } from '../../connectors/shared/json-body.js';
import { invalid } from '../../errors.js';
import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { previewLines, type PreviewLine } from './preview-line.js';

/** What can be previewed; "hn" is Hacker News, as in the source kind "hackernews". */
export const PREVIEW_KINDS = ['rss', 'mastodon', 'reddit', 'hn', 'hackernews', 'bluesky'] as const;
export type PreviewKind = (typeof PREVIEW_KINDS)[number];

export interface PreviewBody {
  kind: PreviewKind;
  body: Buffer;
  /** The response's Content-Type, when known (its charset weighs in the decoding of a feed). */
  contentType?: string | null;
  /** Where the body came from: a URL (relative feed links resolve against it) or a file name. */
  origin: string;
  /** Mastodon: the instance that served the body (status ids are local to it). */
  instance?: string | null;
}

export interface PreviewResult {
  /** The source kind the body was read as. */
  kind: 'rss' | 'mastodon' | 'reddit' | 'hackernews' | 'bluesky';
  /** The mentions Écoute would store, exactly (see previewLines). */
  mentions: NormalizedMention[];
  lines: PreviewLine[];
  warnings: string[];
  decoding: Decoding | null;
}

/**
 * Reads one feed or one recorded API response as the connector of its kind reads it, and answers
 * the mentions that would be stored — nothing is stored. A body that cannot be read is an
 * invalid_payload ConnectorError naming the reason.
 */
export function previewBody(input: PreviewBody): PreviewResult {
  const kind = input.kind === 'hn' ? 'hackernews' : input.kind;
  if (kind === 'rss') {
    const feed = readFeedBody(input.body, input.contentType, feedBase(input.origin));
    return { kind, ...withLines(feed.mentions), warnings: feed.warnings, decoding: feed.decoding };
  }
  const text = input.body.toString('utf8').replace(/^\uFEFF/, '');
  const body = jsonBody(text, input.origin);
  const warnings: string[] = [];
  let mentions: NormalizedMention[];
  if (kind === 'mastodon') {
    const host = instanceHost(input, body, warnings);
    mentions = mapMastodonBody(body, host, input.origin);
  } else if (kind === 'reddit') {
    mentions = mapRedditBody(body, input.origin);
  } else if (kind === 'hackernews') {
    mentions = mapHackerNewsBody(body, input.origin);
  } else {
    mentions = mapBlueskyBody(body, input.origin);
  }
  return { kind, ...withLines(mentions), warnings, decoding: null };
}

function withLines(mentions: NormalizedMention[]) {
  return { mentions, lines: previewLines(mentions) };
}

/** A file has no URL: its relative links resolve against a placeholder that says so. */
function feedBase(origin: string): string {
  return /^https?:\/\//i.test(origin) ? origin : 'https://local.invalid/';
}

/**
 * The instance whose ids the statuses carry: as given, else the URL's host, else the host of a
 * status written by a local account (its `acct` has no domain, so its URL is on the instance).
 */
function instanceHost(input: PreviewBody, body: unknown, warnings: string[]): string {
  const given = input.instance ?? (/^https?:\/\//i.test(input.origin) ? input.origin : null);
  if (given) {
    try {
      return new URL(given).host;
    } catch {
      throw new ConnectorError('bad_config', `instance: "${given}" is not a URL`);
    }
  }
  const statuses = Array.isArray(body)
    ? body
    : isRecord(body)
      ? [...arr(body.statuses), ...arr(body.ancestors), ...arr(body.descendants), body]
      : [];
  for (const s of statuses) {
    if (!isRecord(s) || !isRecord(s.account)) continue;
    const acct = str(s.account.acct);
    const url = str(s.url);
    if (acct && !acct.includes('@') && url) {
      const host = new URL(url).host;
      warnings.push(`instance: none given, read as ${host} (the host of a local account's status)`);
      return host;
    }
  }
  throw new ConnectorError(
    'bad_config',
    'instance: the Mastodon instance that served this body is needed (status ids are local to it)',
  );
}

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const httpUrl = () => z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048);

export const previewUrlSchema = z
  .object({ kind: z.enum(PREVIEW_KINDS), url: httpUrl(), instance: httpUrl().optional() })
  .strict();

/** The API's preview: a URL to fetch, or a body pasted or uploaded (a feed, a recorded response). */
export const previewRequestSchema = z
  .object({
    kind: z.enum(PREVIEW_KINDS),
    url: httpUrl().optional(),
    /** A feed or a recorded API response, as text (within the API's 1 MB request limit). */
    body: z
      .string()
      .min(1, 'is empty')
      .max(900_000, 'is over 900 kB: preview a larger feed by its URL')
      .optional(),
    contentType: z.string().max(200).optional(),
    instance: httpUrl().optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if ((r.url === undefined) === (r.body === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'give either url or body' });
    }
  });

export interface PreviewResponse {
  kind: PreviewResult['kind'];
  lines: PreviewLine[];
  warnings: string[];
  decoding: Decoding | null;
}

/**
 * The API's preview: a fetched URL or a given body, answered as preview lines. A body or URL that
 * cannot be read is a 400 naming the field and the reason (nothing is stored either way).
 */
export async function previewRequest(
  http: AxiosInstance,
  input: z.infer<typeof previewRequestSchema>,
): Promise<PreviewResponse> {
  const field = input.url ? 'url' : 'body';
  try {
    const result = input.url
      ? await previewUrl(http, { kind: input.kind, url: input.url, instance: input.instance })
      : previewBody({
          kind: input.kind,
          body: Buffer.from(input.body ?? '', 'utf8'),
          contentType: input.contentType ?? null,
          origin: 'the given body',
          instance: input.instance ?? null,
        });
    const { kind, lines, warnings, decoding } = result;
    return { kind, lines, warnings, decoding };
  } catch (err) {
    if (err instanceof ConnectorError) {
      const name = err.code === 'bad_config' && /^instance:/.test(err.message) ? 'instance' : field;
      throw invalid(name, `${err.code}: ${err.message.replace(/^instance: /, '')}`);
    }
    throw err;
  }
}

/** Fetches one URL through the outbound-safe client and previews what it answers. */
export async function previewUrl(
  http: AxiosInstance,
  input: z.infer<typeof previewUrlSchema>,
): Promise<PreviewResult> {
  const res = await http.get<ArrayBuffer>(input.url, {
    responseType: 'arraybuffer',
    headers: {
      Accept:
        input.kind === 'rss'
          ? 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8'
          : 'application/json',
    },
  });
  const type = res.headers['content-type'];
  return previewBody({
    kind: input.kind,
    body: Buffer.from(res.data),
    contentType: typeof type === 'string' ? type : null,
    origin: input.url,
    instance: input.instance ?? null,
  });
}
