import dns from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { ConnectorError } from '../connectors/connector-error.js';
import { blockedAddressReason, isAllowedHost } from './address-policy.js';

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

export type SafeLookup = (hostname: string, options: LookupOptions, cb: LookupCallback) => void;

/**
 * A `lookup` for http(s) agents: resolves the name, then refuses it when any resolved address is
 * not public. The socket connects to exactly the addresses checked here, so a name that changes
 * its answer between a check and the connection (DNS rebinding) cannot slip through.
 */
export function createSafeLookup(allowHosts: readonly string[]): SafeLookup {
  return (hostname, options, cb) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return cb(err, []);
      const refusal = refuseAddresses(hostname, addresses, allowHosts);
      if (refusal) return cb(refusal as unknown as NodeJS.ErrnoException, []);
      if (options.all) return cb(null, addresses);
      const first = addresses[0];
      if (!first) return cb(notFound(hostname), []);
      cb(null, first.address, first.family);
    });
  };
}

/** Resolve a name and check every address; used when a source is created or edited. */
export async function resolveSafely(hostname: string, allowHosts: readonly string[]) {
  let addresses: LookupAddress[];
  try {
    addresses = await dns.promises.lookup(hostname, { all: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new ConnectorError('network', `url: host "${hostname}" cannot be resolved (${code})`);
  }
  const refusal = refuseAddresses(hostname, addresses, allowHosts);
  if (refusal) throw refusal;
  return addresses;
}

function refuseAddresses(
  hostname: string,
  addresses: LookupAddress[],
  allowHosts: readonly string[],
): ConnectorError | null {
  if (isAllowedHost(hostname, allowHosts)) return null;
  // Refuse the name as a whole if any answer is private: picking the public one would let an
  // attacker-controlled resolver win the race on the next lookup anyway.
  for (const { address } of addresses) {
    const reason = blockedAddressReason(address);
    if (reason) return blocked(`host "${hostname}" resolves to ${reason}`);
  }
  return null;
}

export function blocked(reason: string): ConnectorError {
  return new ConnectorError('blocked_url', `url: ${reason}; refused for outbound safety`);
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
}
