import axios from 'axios';
import type { AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import { toConnectorError } from './http-errors.js';
import { createSafeAgents } from './safe-agents.js';
import { checkUrlSyntax } from './safe-url.js';

export { assertSafeUrl, checkUrlSyntax } from './safe-url.js';
export { readQuota, retryAfterMs } from './rate-limit.js';
export { toConnectorError } from './http-errors.js';
export { blockedAddressReason } from './address-policy.js';

export interface OutboundHttpOptions {
  /** Total time for one request, redirects and body included, in ms. */
  timeoutMs: number;
  /** Largest response body accepted (after decompression), in bytes. */
  maxBytes: number;
  /** Hostnames (or IP literals) let through even when private: local testing only. */
  allowHosts: readonly string[];
  /** DNS + TCP connect phase, in ms; defaults to the smaller of timeoutMs and 10 s. */
  connectTimeoutMs?: number;
  /** Redirects followed, each re-checked; 3 unless lowered. */
  maxRedirects?: number;
  userAgent?: string;
}

const DEFAULT_USER_AGENT = 'Ecoute/0.1 (open-source social listening)';
const MAX_REDIRECTS = 3;

/**
 * The axios instance every connector and outbound delivery uses. Each request, and each redirect,
 * goes only to http(s) URLs whose host resolves to public addresses (checked at connect time, so
 * DNS rebinding cannot slip a private address in), within a connect and a total timeout and a
 * body size cap. Every failure rejects with a ConnectorError.
 */
export function createOutboundHttp(opts: OutboundHttpOptions): AxiosInstance {
  const allowHosts = [...opts.allowHosts];
  const maxRedirects = Math.min(opts.maxRedirects ?? MAX_REDIRECTS, MAX_REDIRECTS);
  const connectTimeoutMs = opts.connectTimeoutMs ?? Math.min(opts.timeoutMs, 10_000);
  const { httpAgent, httpsAgent } = createSafeAgents({ allowHosts, connectTimeoutMs });
  const instance = axios.create({
    httpAgent,
    httpsAgent,
    // Environment proxies would move the connection (and the address check) elsewhere.
    proxy: false,
    timeout: opts.timeoutMs,
    maxContentLength: opts.maxBytes,
    maxBodyLength: opts.maxBytes,
    maxRedirects,
    beforeRedirect: (options) => {
      checkUrlSyntax(String((options as { href?: string }).href), allowHosts);
    },
    headers: { 'User-Agent': opts.userAgent ?? DEFAULT_USER_AGENT },
  });
  instance.interceptors.request.use((config) => guardRequest(instance, config, opts, allowHosts));
  instance.interceptors.response.use(undefined, (err: unknown) =>
    Promise.reject(toConnectorError(err)),
  );
  return instance;
}

function guardRequest(
  instance: AxiosInstance,
  config: InternalAxiosRequestConfig,
  opts: OutboundHttpOptions,
  allowHosts: readonly string[],
): InternalAxiosRequestConfig {
  checkUrlSyntax(instance.getUri(config), allowHosts);
  // axios's own `timeout` is an idle timer on the socket; this bounds the whole exchange.
  const total = AbortSignal.timeout(opts.timeoutMs);
  const caller = config.signal as AbortSignal | undefined;
  config.signal = caller ? AbortSignal.any([caller, total]) : total;
  return config;
}
