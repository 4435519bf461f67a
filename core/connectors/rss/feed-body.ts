import type { NormalizedMention } from '../../mentions/normalized-mention.js';
import { ConnectorError } from '../connector-error.js';
import { decodeFeed, type Decoding } from './feed-decode.js';
import { mapFeedEntries } from './feed-mapper.js';
import { readFeed } from './feed-reader.js';
import { parseXml } from './feed-xml.js';

export interface FeedBodyResult {
  mentions: NormalizedMention[];
  /** How the bytes were decoded, and why. */
  decoding: Decoding;
  /** Slips a mainstream reader tolerates, each noted (decoding, leading junk, broken markup). */
  warnings: string[];
}

/**
 * One feed response, bytes to mentions: decoded (see feed-decode), parsed leniently (see
 * feed-xml), read as RSS or Atom (see feed-reader). Only a body that is no feed at all — an
 * HTML page, another XML document, nothing readable — is refused, with the reason.
 */
export function readFeedBody(
  body: Buffer,
  contentType: string | null | undefined,
  url: string,
): FeedBodyResult {
  const { text, decoding, warnings } = decodeFeed(body, contentType);
  const parsed = parseXml(text);
  const feed = parsed.root ? readFeed(parsed.root, url) : null;
  if (!feed) {
    const why = looksLikeHtml(text)
      ? 'an HTML page, not a feed'
      : parsed.root
        ? `an XML document whose root is <${parsed.root.name}>, not an RSS or Atom feed`
        : 'not an RSS or Atom feed';
    throw new ConnectorError('invalid_payload', `${url}: the response is ${why}`);
  }
  return {
    mentions: mapFeedEntries(feed, url),
    decoding,
    warnings: [...warnings, ...parsed.warnings],
  };
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html)/i.test(text.slice(0, 1024));
}
