import type { ServerResponse } from 'node:http';

/** Told to the client at the end of a capped export (HTTP trailer: known only once it ends). */
export const TRUNCATED_TRAILER = 'X-Ecoute-Truncated';
/** Told before the first byte: the most rows one export holds. */
export const ROW_CAP_HEADER = 'X-Ecoute-Row-Cap';

export interface CappedBatches<T> {
  batches: AsyncIterable<T[]>;
  /** True once the source proved to hold more than `max` rows (read after iterating). */
  truncated(): boolean;
}

/**
 * At most `max` rows of `source`, and whether it held more. The source should be able to yield
 * `max + 1` rows (ask it for one more), so a list of exactly `max` rows is not called truncated.
 * Stopping early returns the source's iterator, which ends its paging.
 */
export function capBatches<T>(source: AsyncIterable<T[]>, max: number): CappedBatches<T> {
  let cut = false;
  async function* capped(): AsyncGenerator<T[]> {
    let left = max;
    for await (const batch of source) {
      if (batch.length > left) {
        cut = true;
        if (left > 0) yield batch.slice(0, left);
        return;
      }
      left -= batch.length;
      if (batch.length > 0) yield batch;
    }
  }
  return { batches: capped(), truncated: () => cut };
}

/** Declares the trailer and the cap; call before the first byte of the export. */
export function announceRowCap(res: ServerResponse, max: number): void {
  res.setHeader('Trailer', TRUNCATED_TRAILER);
  res.setHeader(ROW_CAP_HEADER, String(max));
}

/** Sends the trailer; call after the last row, before ending the response. */
export function sendTruncated(res: ServerResponse, truncated: boolean): void {
  res.addTrailers({ [TRUNCATED_TRAILER]: truncated ? 'true' : 'false' });
}
