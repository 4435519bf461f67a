import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { blockedAddressReason, isAllowedHost, isIpLiteral } from './address-policy.js';
import { blocked, createSafeLookup } from './safe-lookup.js';

export interface AgentGuard {
  allowHosts: readonly string[];
  connectTimeoutMs: number;
}

type ConnectCallback = (err: Error | null, stream: Duplex) => void;

/**
 * Agents that check the address they are about to connect to. Names go through the checking
 * `lookup`; IP literals skip DNS in node:net, so they are checked here. Every connection of a
 * request, redirects included, is made by these agents.
 */
export function createSafeAgents(guard: AgentGuard) {
  const lookup = createSafeLookup(guard.allowHosts);
  class SafeHttpAgent extends http.Agent {
    override createConnection(options: http.ClientRequestArgs, cb?: ConnectCallback) {
      return guarded(guard, options, cb, () => super.createConnection(options, cb));
    }
  }
  class SafeHttpsAgent extends https.Agent {
    override createConnection(options: https.RequestOptions, cb?: ConnectCallback) {
      return guarded(guard, options, cb, () => super.createConnection(options, cb));
    }
  }
  // keepAlive off: each poll is a handful of requests minutes apart; idle sockets buy nothing.
  return {
    httpAgent: new SafeHttpAgent({ lookup, keepAlive: false }),
    httpsAgent: new SafeHttpsAgent({ lookup, keepAlive: false }),
  };
}

function guarded(
  guard: AgentGuard,
  options: http.ClientRequestArgs,
  cb: ConnectCallback | undefined,
  connect: () => Duplex | null | undefined,
): Duplex | null | undefined {
  const host = options.host ?? options.hostname ?? '';
  if (isIpLiteral(host) && !isAllowedHost(host, guard.allowHosts)) {
    const reason = blockedAddressReason(host);
    if (reason) {
      const err = blocked(reason);
      if (cb) process.nextTick(cb, err, undefined as unknown as Duplex);
      else throw err;
      return undefined;
    }
  }
  const socket = connect();
  if (socket) armConnectTimeout(socket, guard.connectTimeoutMs, host);
  return socket;
}

/** Fail a connection whose DNS + TCP phase takes longer than `ms`. */
function armConnectTimeout(socket: Duplex, ms: number, host: string): void {
  const timer = setTimeout(() => {
    socket.destroy(
      Object.assign(new Error(`connect to ${host} timed out after ${ms} ms`), {
        code: 'ECONNTIMEOUT',
      }),
    );
  }, ms);
  timer.unref();
  const clear = () => clearTimeout(timer);
  socket.once('connect', clear);
  socket.once('error', clear);
  socket.once('close', clear);
}
