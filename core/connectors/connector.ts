import type { AxiosInstance } from 'axios';
import type { z } from 'zod';
import type { NormalizedMention } from '../mentions/normalized-mention.js';
import type { Decoding } from './rss/feed-decode.js';

/** What a source remembers between polls; each connector owns the shape of its own cursor. */
export type SourceCursor = Record<string, unknown>;

/** Remaining platform quota as read from the last response's rate-limit headers. */
export interface Quota {
  limit?: number;
  remaining?: number;
  resetAt?: string;
}

export interface FetchPageResult {
  mentions: NormalizedMention[];
  /** The cursor to store, in the same transaction as these mentions. */
  cursor: SourceCursor;
  /** True when another page is already waiting (backfill): poll again without waiting. */
  hasMore: boolean;
  quota?: Quota;
  /**
   * External ids of posts this page shows as deleted on the platform (a Reddit post or comment
   * reading [deleted] or [removed]): the stored copies go and they are never stored again.
   */
  deleted?: string[];
  /** How this fetch was read: kept on the source's health (feeds: decoding and tolerated slips). */
  notes?: FetchNotes;
}

/** What a person checking a source wants to know about its last fetch. */
export interface FetchNotes {
  /** Feeds: the encoding chosen, where it came from, and what each place claimed. */
  decoding?: Decoding;
  /** Slips tolerated the way mainstream readers do (leading blank lines, broken markup…). */
  warnings: string[];
}

export interface FetchContext<C> {
  config: C;
  /** null on the first poll: the connector starts a bounded backfill. */
  cursor: SourceCursor | null;
  /** An axios instance with the outbound-safety checks, timeouts and size caps already set. */
  http: AxiosInstance;
  signal?: AbortSignal;
  /** Decrypted credentials, when the source has any; never logged, never in a job payload. */
  secret?: string | null;
}

/**
 * One connector per platform: fetch a page after a cursor and map it to normalised mentions.
 * No database and no queue inside a connector.
 */
export interface Connector<C = Record<string, unknown>> {
  readonly kind: string;
  readonly configSchema: z.ZodType<C>;
  fetchPage(ctx: FetchContext<C>): Promise<FetchPageResult>;
}
