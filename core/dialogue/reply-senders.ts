import { blueskyReplySender } from '../connectors/bluesky/reply.js';
import { mastodonReplySender } from '../connectors/mastodon/reply.js';
import { redditReplySender } from '../connectors/reddit/reply.js';
import type { ReplySender } from './reply-sender.js';

/** The platforms Écoute can answer on; elsewhere an agent records "answered elsewhere". */
export const REPLY_SENDERS: Readonly<Record<string, ReplySender>> = {
  mastodon: mastodonReplySender,
  bluesky: blueskyReplySender,
  reddit: redditReplySender,
};

export const replySenderFor = (platform: string): ReplySender | undefined =>
  REPLY_SENDERS[platform];
