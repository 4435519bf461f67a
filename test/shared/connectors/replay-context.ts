import { afterAll, beforeAll } from 'vitest';
import { createOutboundHttp } from '../../../core/http/outbound.js';
import { startReplayServer, type ReplayServer } from '../../support/replay-server.js';

/** A replay server for the file's tests and the outbound client allowed to reach it. */
export function useReplayServer() {
  const ctx = {
    server: undefined as unknown as ReplayServer,
    http: createOutboundHttp({
      timeoutMs: 5000,
      maxBytes: 5 * 1024 * 1024,
      allowHosts: ['127.0.0.1'],
    }),
  };
  beforeAll(async () => {
    ctx.server = await startReplayServer();
  });
  afterAll(async () => {
    await ctx.server.close();
  });
  return ctx;
}

export function query(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url, 'http://x').searchParams);
}
