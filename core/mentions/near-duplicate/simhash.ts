/**
 * 64-bit SimHash (Charikar) over word shingles, and the Hamming distance between two hashes.
 * Features are hashed in two 32-bit lanes with plain number arithmetic; BigInt appears only once
 * per text, to return the result, since this runs on every ingested mention.
 *
 * What the distance means on tweet-length texts (measured on French and English examples in
 * test/unit/mentions): the same words after normalisation → 0; one word changed or added in
 * ~15 words → 5 to 15 bits; unrelated posts → about 30 (the expectation for random hashes is
 * 32). So the default threshold of 3 groups reposts and cross-posts, not paraphrases.
 */

/** FNV-1a over UTF-16 code units, then the murmur3 finaliser so every output bit is well mixed. */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Features: single words and word pairs (pairs keep some of the word order in the hash). */
export function shingles(words: readonly string[]): string[] {
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  return out;
}

/** SimHash of the features, as a signed 64-bit integer (the range of a Postgres bigint). */
export function simhash64(features: readonly string[]): bigint {
  const weights = new Int32Array(64);
  for (const feature of features) {
    const lanes = [hash32(feature, 0), hash32(feature, 0x5bd1e995)];
    for (let lane = 0; lane < 2; lane++) {
      const h = lanes[lane]!;
      for (let bit = 0; bit < 32; bit++) weights[lane * 32 + bit]! += (h >>> bit) & 1 ? 1 : -1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (weights[bit]! > 0) hi |= 1 << bit;
    if (weights[32 + bit]! > 0) lo |= 1 << bit;
  }
  return BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of differing bits; accepts bigints or their decimal strings (as Postgres returns them). */
export function hammingDistance(a: bigint | string, b: bigint | string): number {
  const x = BigInt.asUintN(64, BigInt(a) ^ BigInt(b));
  return popcount32(Number(x >> 32n)) + popcount32(Number(x & 0xffffffffn));
}

/**
 * The four 16-bit bands of a hash. Two hashes within distance 3 share at least one band
 * (pigeonhole), so a lookup by band equality finds every candidate with an index.
 */
export function simhashBands(hash: bigint | string): [number, number, number, number] {
  const x = BigInt.asUintN(64, BigInt(hash));
  return [0n, 16n, 32n, 48n].map((s) => Number((x >> s) & 0xffffn)) as [
    number,
    number,
    number,
    number,
  ];
}
