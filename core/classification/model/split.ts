/**
 * A reproducible train/held-out split: a row goes to the held-out part when the hash of its id
 * (or of its text, without an id) falls in the last `heldOutPercent` of 100 buckets. The same row
 * always lands on the same side, whatever the file's order or the other rows.
 */
import { finalize, hashString } from './hash.js';

export function isHeldOut(key: string, heldOutPercent = 20, salt = 'ecoute-split-v1'): boolean {
  return finalize(hashString(key, hashString(salt))) % 100 >= 100 - heldOutPercent;
}

export function splitRows<T>(
  rows: T[],
  keyOf: (row: T) => string,
  heldOutPercent = 20,
): { train: T[]; heldOut: T[] } {
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const r of rows) (isHeldOut(keyOf(r), heldOutPercent) ? heldOut : train).push(r);
  return { train, heldOut };
}
