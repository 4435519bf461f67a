import { createHash } from 'node:crypto';
import { duplicateWords } from './near-duplicate/normalize-text.js';
import { hammingDistance, shingles, simhash64 } from './near-duplicate/simhash.js';

/**
 * Duplicates across sources: the same post seen through two sources (a repost, a cross-post, a
 * feed and its Mastodon echo) is grouped under one canonical mention instead of counting twice.
 * Two cheap keys: the exact key (hash of the normalised text) and a 64-bit SimHash for texts
 * that differ by a few words. The permalink key is `canonicalUrl`.
 */

export { canonicalUrl } from './near-duplicate/canonical-url.js';
export { normalizeForDuplicates } from './near-duplicate/normalize-text.js';
export { hammingDistance, simhashBands } from './near-duplicate/simhash.js';

/**
 * Under this many words after normalisation, two posts are never grouped by text (only by
 * permalink): "love it", "merci !" or a bare link are written by many people independently.
 */
export const NEAR_DUPLICATE_MIN_WORDS = 5;

/** Bits two SimHashes may differ by and still be near-duplicates (Manku et al. use 3 for 64). */
export const NEAR_DUPLICATE_MAX_DISTANCE = 3;

/** What to store on a mention to find its duplicates. */
export interface TextFingerprint {
  /** The normalised text. */
  normalized: string;
  words: number;
  /** sha256 hex of the normalised text: equal keys mean the same text. */
  key: string;
  /** SimHash as a signed 64-bit integer in decimal, ready for a Postgres `bigint`. */
  simhash: string;
}

/** The fingerprint of a post's text, or null when it is too short to group by text. */
export function textFingerprint(text: string): TextFingerprint | null {
  const words = duplicateWords(text);
  if (words.length < NEAR_DUPLICATE_MIN_WORDS) return null;
  const normalized = words.join(' ');
  return {
    normalized,
    words: words.length,
    key: createHash('sha256').update(normalized).digest('hex'),
    simhash: simhash64(shingles(words)).toString(),
  };
}

/** The exact-duplicate key of a text (sha256 hex of its normalised form), null when too short. */
export function canonicalTextKey(text: string): string | null {
  return textFingerprint(text)?.key ?? null;
}

/** The SimHash of a text's normalised words, as a signed 64-bit bigint. */
export function textSimhash(text: string): bigint {
  return simhash64(shingles(duplicateWords(text)));
}

/** Whether two fingerprints are the same text or within `maxDistance` bits of each other. */
export function fingerprintsMatch(
  a: TextFingerprint,
  b: TextFingerprint,
  maxDistance = NEAR_DUPLICATE_MAX_DISTANCE,
): boolean {
  return a.key === b.key || hammingDistance(a.simhash, b.simhash) <= maxDistance;
}

/** Whether two texts are near-duplicates; false when either is too short to tell. */
export function isNearDuplicate(
  a: string,
  b: string,
  maxDistance = NEAR_DUPLICATE_MAX_DISTANCE,
): boolean {
  const fa = textFingerprint(a);
  const fb = textFingerprint(b);
  return fa !== null && fb !== null && fingerprintsMatch(fa, fb, maxDistance);
}
