import type { AxiosInstance } from 'axios';

/** The post replied to, as stored. */
export interface ReplyParent {
  /** Its platform id as stored (Mastodon "host:id", Reddit fullname, Bluesky at:// URI). */
  externalId: string;
  threadExternalId: string | null;
  /** The platform's own payload of the post (Bluesky needs its cid and reply root). */
  raw: unknown;
}

/** Everything one send attempt needs; the token is opened from the source just before. */
export interface SendContext {
  http: AxiosInstance;
  /** Per-request timeout, in ms. */
  timeoutMs: number;
  /** The source's validated config (instance / base URL). */
  sourceConfig: Record<string, unknown>;
  token: string;
  parent: ReplyParent;
  text: string;
  /** Stable across retries of one message: Écoute's idempotency key. */
  idempotencyKey: string;
  /** When the agent wrote it: the record's createdAt (and the Bluesky record key's clock). */
  createdAt: Date;
  /** A previous attempt may have reached the platform: look before posting again. */
  retry: boolean;
}

export interface SentReply {
  externalId: string;
  url: string | null;
}

/**
 * One platform's reply path. Each sender documents how it keeps a retried send from posting
 * twice (platform idempotency key, deterministic record key, or a look-up before re-posting).
 */
export interface ReplySender {
  platform: string;
  /** The platform's length limit, in the unit `lengthOf` counts. */
  maxLength: number;
  lengthOf(text: string): number;
  send(ctx: SendContext): Promise<SentReply>;
}

/** Unicode code points: what Mastodon and Reddit count. */
export const codePoints = (text: string) => [...text].length;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** User-perceived characters: what Bluesky counts (an emoji with modifiers is one). */
export const graphemes = (text: string) => [...segmenter.segment(text)].length;

export const baseUrlOf = (config: Record<string, unknown>, key: string) =>
  String(config[key] ?? '').replace(/\/+$/, '');
