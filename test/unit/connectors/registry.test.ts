import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../core/connectors/connector-error.js';
import {
  connectorKinds,
  getConnector,
  isConnectorKind,
} from '../../../core/connectors/registry.js';

describe('connector registry', () => {
  it('returns, for every kind, the connector of that kind', () => {
    expect(connectorKinds).toContain('rss');
    for (const kind of connectorKinds) expect(getConnector(kind).kind).toBe(kind);
  });

  it('refuses an unknown kind with a bad_config error naming the field', () => {
    expect(isConnectorKind('myspace')).toBe(false);
    expect(isConnectorKind('toString')).toBe(false);
    expect(() => getConnector('myspace')).toThrow(ConnectorError);
    expect(() => getConnector('myspace')).toThrow(/kind: unknown connector "myspace"/);
  });
});
