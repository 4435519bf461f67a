import { chars, pick, unit } from './hash.js';

/**
 * Ids, permalinks and author identities shaped as each platform really gives them, so that the
 * demo exercises the same parsing paths as live data.
 */

export interface AuthorDef {
  key: string;
  platform: string;
  /** As written in authors.txt; for Mastodon `user@instance`. */
  handle: string;
  name: string;
  followers?: number;
}

export interface Author {
  id: string;
  handle: string;
  name: string;
  followers?: number;
  profileUrl: string;
}

/** The instance the demo's Mastodon source listens on: its own accounts have a bare `acct`. */
export const HOME_INSTANCE = 'mastodon.social';

const BASE32_SORT = '234567abcdefghijklmnopqrstuvwxyz';
const DID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Mastodon ids are snowflakes: milliseconds since the epoch shifted left 16 bits, plus a sequence. */
export function mastodonSnowflake(at: Date, seed: string): string {
  return ((BigInt(at.getTime()) << 16n) + BigInt(pick(seed, 65_536))).toString();
}

/** Bluesky record keys are TIDs: microseconds since the epoch and a clock id, in sortable base32. */
export function blueskyTid(at: Date, seed: string): string {
  let n = (BigInt(at.getTime()) * 1000n + BigInt(pick(`${seed}µ`, 1000))) * 1024n;
  n += BigInt(pick(seed, 1024));
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = BASE32_SORT[Number(n % 32n)] + out;
    n /= 32n;
  }
  return out;
}

/** Reddit ids are base-36 counters; ours grow with time like the real ones. */
export function redditBase36(at: Date, seed: string, kind: 't3' | 't1'): string {
  const minutes = Math.floor(at.getTime() / 60_000);
  // Posts are ~2.5 per second site-wide in late 2026 terms; comments many times more.
  const n =
    kind === 't3'
      ? 3_060_000_000 + (minutes - 29_000_000) * 150
      : 95_000_000_000 + (minutes - 29_000_000) * 3000;
  return (n + pick(seed, kind === 't3' ? 150 : 3000)).toString(36);
}

/** Hacker News item ids: one counter for stories and comments, ~13k items a day. */
export function hnItemId(at: Date, seed: string): string {
  const minutes = Math.floor(at.getTime() / 60_000);
  return String(46_800_000 + (minutes - 29_520_000) * 9 + pick(seed, 9));
}

export function mastodonAcct(handle: string): { user: string; instance: string; acct: string } {
  const [user = handle, instance = HOME_INSTANCE] = handle.split('@');
  return { user, instance, acct: instance === HOME_INSTANCE ? user : `${user}@${instance}` };
}

function mastodonAccountId(key: string): string {
  // Accounts were created between 2017 and 2025; their ids are snowflakes of that moment.
  const created = Date.UTC(2017, 3, 1) + unit(key) * (Date.UTC(2025, 6, 1) - Date.UTC(2017, 3, 1));
  return mastodonSnowflake(new Date(Math.floor(created)), key);
}

/** The author object each connector would produce for this person. */
export function toAuthor(def: AuthorDef): Author {
  const base = {
    name: def.name,
    ...(def.followers === undefined ? {} : { followers: def.followers }),
  };
  switch (def.platform) {
    case 'mastodon': {
      const { user, instance, acct } = mastodonAcct(def.handle);
      return {
        id: mastodonAccountId(def.key),
        handle: acct,
        profileUrl: `https://${instance}/@${user}`,
        ...base,
      };
    }
    case 'bluesky':
      return {
        id: `did:plc:${chars(def.key, DID_ALPHABET, 24)}`,
        handle: def.handle,
        profileUrl: `https://bsky.app/profile/${def.handle}`,
        ...base,
      };
    case 'reddit':
      return {
        id: `t2_${chars(def.key, BASE36, 8)}`,
        handle: def.handle,
        profileUrl: `https://www.reddit.com/user/${def.handle}`,
        ...base,
      };
    case 'hackernews':
      return {
        id: def.handle,
        handle: def.handle,
        profileUrl: `https://news.ycombinator.com/user?id=${def.handle}`,
        ...base,
      };
    case 'rss':
      // Feeds name an author but have no account: the site and the author's slug identify them.
      return {
        id: `${def.handle}/${slug(def.name)}`,
        handle: def.handle,
        profileUrl: `https://${def.handle}/`,
        ...base,
      };
    default:
      throw new Error(`author ${def.key}: platform "${def.platform}" is not one of the demo's`);
  }
}

/** Lower-case ASCII words joined by dashes, as sites build article and post slugs. */
export function slug(text: string, separator = '-', maxWords = 9): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .slice(0, maxWords)
    .join(separator);
}
