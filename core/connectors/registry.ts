import type { Connector } from './connector.js';
import { ConnectorError } from './connector-error.js';
import { blueskyConnector } from './bluesky/bluesky.connector.js';
import { hackerNewsConnector } from './hackernews/hackernews.connector.js';
import { mastodonConnector } from './mastodon/mastodon.connector.js';
import { redditConnector } from './reddit/reddit.connector.js';
import { rssConnector } from './rss/rss.connector.js';

/** The one dispatcher: every polled source kind and the connector that fetches it. */
const connectors = {
  rss: rssConnector,
  mastodon: mastodonConnector,
  reddit: redditConnector,
  hackernews: hackerNewsConnector,
  bluesky: blueskyConnector,
} as const;

export type ConnectorKind = keyof typeof connectors;

export const connectorKinds = Object.freeze(Object.keys(connectors)) as readonly ConnectorKind[];

export function isConnectorKind(kind: string): kind is ConnectorKind {
  return Object.hasOwn(connectors, kind);
}

/** The connector for a source kind; an unknown kind is a configuration error naming the field. */
export function getConnector(kind: string): Connector {
  if (!isConnectorKind(kind)) {
    throw new ConnectorError(
      'bad_config',
      `kind: unknown connector "${kind}" (expected one of ${connectorKinds.join(', ')})`,
    );
  }
  return connectors[kind] as unknown as Connector;
}
