import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted or recorded answer. */
export interface ReplayResponse {
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Wait this long before sending anything (slow servers, timeouts). */
  delayMs?: number;
  /** Send the headers, then stall this long before the body (total-timeout tests). */
  stallBodyMs?: number;
  /** Full control, for odd cases. */
  handle?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export interface ReplayServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** TCP connections accepted so far (proves whether a refused request ever connected). */
  readonly connections: number;
  readonly requests: ReceivedRequest[];
  /**
   * Answer requests whose path (or path and query, when `match` has a "?") equals `match`, or for
   * which `match` returns true. Several responses are served in turn, the last one repeating.
   */
  route(match: string | ((url: URL) => boolean), ...responses: ReplayResponse[]): void;
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 (a free port) that replays recorded or scripted responses. */
export async function startReplayServer(): Promise<ReplayServer> {
  const routes: { match: (url: URL) => boolean; responses: ReplayResponse[]; served: number }[] =
    [];
  const requests: ReceivedRequest[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      at: Date.now(),
    });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = routes.find((r) => r.match(url));
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `no route for ${url.pathname}` }));
      return;
    }
    const response = route.responses[Math.min(route.served, route.responses.length - 1)]!;
    route.served += 1;
    serve(req, res, response);
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get connections() {
      return connections;
    },
    requests,
    route(match, ...responses) {
      routes.unshift({ match: toMatcher(match), responses, served: 0 });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function toMatcher(match: string | ((url: URL) => boolean)): (url: URL) => boolean {
  if (typeof match === 'function') return match;
  if (match.includes('?')) return (url) => url.pathname + url.search === match;
  return (url) => url.pathname === match;
}

function serve(req: http.IncomingMessage, res: http.ServerResponse, r: ReplayResponse): void {
  const send = () => {
    if (r.handle) return r.handle(req, res);
    res.writeHead(r.status ?? 200, r.headers ?? {});
    if (!r.stallBodyMs) return void res.end(r.body ?? '');
    res.flushHeaders();
    const timer = setTimeout(() => res.end(r.body ?? ''), r.stallBodyMs);
    res.on('close', () => clearTimeout(timer));
  };
  if (!r.delayMs) return send();
  const timer = setTimeout(send, r.delayMs);
  res.on('close', () => clearTimeout(timer));
}

// They describe the original bytes on the wire; the stored bodies are already decompressed.
const WIRE_HEADERS = new Set([
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
]);

/**
 * A recorded body with its recorded status and headers (`*.headers.json` sidecar), ready to
 * replay. `rewrite` maps text in header values (e.g. the recorded host to the local server).
 */
export function recorded(
  bodyPath: string,
  headersPath?: string,
  rewrite: (value: string) => string = (v) => v,
): ReplayResponse {
  const body = readFileSync(bodyPath);
  if (!headersPath) return { status: 200, body, headers: { 'content-type': guessType(bodyPath) } };
  const sidecar = JSON.parse(readFileSync(headersPath, 'utf8')) as {
    status: number | { code: number };
    headers: Record<string, string | string[]>;
  };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(sidecar.headers)) {
    if (WIRE_HEADERS.has(name.toLowerCase())) continue;
    headers[name] = Array.isArray(value) ? value.map(rewrite) : rewrite(value);
  }
  const status = typeof sidecar.status === 'number' ? sidecar.status : sidecar.status.code;
  return { status, headers, body };
}

function guessType(path: string): string {
  if (path.endsWith('.json')) return 'application/json; charset=utf-8';
  if (path.endsWith('.xml') || path.endsWith('.rss') || path.endsWith('.atom')) {
    return 'application/xml';
  }
  return 'application/octet-stream';
}

/** Scripted answers for what recordings rarely show. */
export const scripted = {
  json: (value: unknown, headers: Record<string, string> = {}): ReplayResponse => ({
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  }),
  xml: (body: string | Buffer, contentType = 'application/rss+xml'): ReplayResponse => ({
    status: 200,
    headers: { 'content-type': contentType },
    body,
  }),
  tooManyRequests: (retryAfter: string): ReplayResponse => ({
    status: 429,
    headers: { 'retry-after': retryAfter, 'content-type': 'application/json' },
    body: '{"error":"Too many requests"}',
  }),
  status: (status: number, body = ''): ReplayResponse => ({
    status,
    headers: { 'content-type': 'text/plain' },
    body,
  }),
  htmlErrorPage: (status = 200): ReplayResponse => ({
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>We will be back soon</h1></body></html>',
  }),
  truncatedJson: (): ReplayResponse => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"data":{"children":[{"kind":"t3","data":{"id":"abc","title":"cut he',
  }),
  redirect: (location: string, status = 302): ReplayResponse => ({
    status,
    headers: { location },
    body: '',
  }),
  slow: (
    delayMs: number,
    inner: ReplayResponse = { status: 200, body: 'late' },
  ): ReplayResponse => ({
    ...inner,
    delayMs,
  }),
  /** `bytes` of filler, streamed in 64 KiB chunks. */
  huge: (bytes: number, contentType = 'application/json'): ReplayResponse => ({
    handle: (_req, res) => {
      res.writeHead(200, { 'content-type': contentType });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < bytes) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => {
        sent = bytes;
      });
      pump();
    },
  }),
};
