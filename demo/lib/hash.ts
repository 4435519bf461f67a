/** FNV-1a over a string, avalanched,, as a fraction in [0, 1): stable "randomness" so every build is identical. */
export function unit(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // FNV alone leaves seeds that differ in their last character close together: finish with
  // MurmurHash3's avalanche so every bit of the seed moves every bit of the result.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 0x1_0000_0000;
}

/** A stable integer in [0, max) from a seed. */
export function pick(seed: string, max: number): number {
  return Math.floor(unit(seed) * max);
}

/** Stable base-N characters drawn from an alphabet. */
export function chars(seed: string, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[pick(`${seed}#${i}`, alphabet.length)];
  return out;
}
