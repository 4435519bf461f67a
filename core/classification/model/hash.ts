/**
 * 32-bit FNV-1a and a mixing step, used to hash features into a fixed-size weight vector.
 * Hashing keeps the cost per mention independent of the vocabulary: no dictionary lookup, no
 * vector over all known words, just a few hundred multiply-xor steps per tweet.
 */
export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over a string's UTF-16 code units, starting from `seed` (a namespace). */
export function hashString(s: string, seed = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** One more FNV step with a whole 32-bit value: combines two hashes (bigrams, namespaces). */
export function hashCombine(a: number, b: number): number {
  let h = (a ^ 0x9e3779b9) >>> 0;
  h ^= b & 0xffff;
  h = Math.imul(h, FNV_PRIME);
  h ^= b >>> 16;
  h = Math.imul(h, FNV_PRIME);
  return finalize(h);
}

/** murmur3's final avalanche, so low bits (the ones a mask keeps) depend on every input bit. */
export function finalize(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Deterministic pseudo-random numbers (mulberry32) for shuffles and splits. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle in place with a seeded generator. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}
