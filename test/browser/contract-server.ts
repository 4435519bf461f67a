import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as fx from './contract-fixtures.js';

/**
 * Serves the built dashboards and answers the dashboards' API contract from fixed fixtures, so
 * the pages can be exercised (hostile text, session expiry, CSRF header, API errors) without the
 * real pipeline. The real app is covered by overview.test.ts.
 */
export const CONTRACT_API_KEY = 'contract-key';
const COOKIE = 'ecoute_session=contract';
const DIST = path.resolve('dashboards/dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

export interface ContractServer {
  baseUrl: string;
  /** Every API request received, in order, with the headers that matter to the tests. */
  requests: { method: string; path: string; requestedWith: string | undefined }[];
  /** When set, the next API requests (other than /session) answer this error. */
  failWith: { status: number; code: string; message: string } | null;
  /** Ends every session, as if the cookie expired. */
  expireSessions(): void;
  stop(): Promise<void>;
}

export async function startContractServer(port = 0): Promise<ContractServer> {
  let sessions = true;
  const state: ContractServer = {
    baseUrl: '',
    requests: [],
    failWith: null,
    expireSessions: () => {
      sessions = false;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) return serveStatic(url.pathname, res);
    const requestedWith = req.headers['x-requested-with'] as string | undefined;
    state.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      requestedWith,
    });
    const signedIn = sessions && (req.headers.cookie ?? '').includes(COOKIE);
    void answer(req, res, url, signedIn, state, () => {
      sessions = true;
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  signedIn: boolean,
  state: ContractServer,
  renewSessions: () => void,
): Promise<void> {
  const method = req.method ?? 'GET';
  const mutating = method !== 'GET' && method !== 'HEAD';
  if (mutating && req.headers['x-requested-with'] !== 'ecoute') {
    return json(res, 403, error('csrf', 'Missing X-Requested-With: ecoute header.'));
  }
  const route = url.pathname.replace(/^\/api\/v1/, '');
  if (route === '/session') {
    if (method === 'POST') {
      const body = JSON.parse((await readBody(req)) || '{}') as { apiKey?: string };
      if (body.apiKey !== CONTRACT_API_KEY)
        return json(res, 401, error('unauthorized', 'Invalid API key.'));
      renewSessions();
      res.setHeader('Set-Cookie', `${COOKIE}; HttpOnly; SameSite=Strict; Path=/`);
      return json(res, 200, { name: 'contract admin', role: 'admin' });
    }
    if (method === 'DELETE') {
      res.setHeader('Set-Cookie', 'ecoute_session=; Max-Age=0; Path=/');
      return json(res, 204, undefined);
    }
    return signedIn
      ? json(res, 200, { name: 'contract admin', role: 'admin' })
      : json(res, 401, error('unauthorized', 'Sign in first.'));
  }
  if (!signedIn) return json(res, 401, error('unauthorized', 'Sign in first.'));
  if (state.failWith) {
    const { status, code, message } = state.failWith;
    return json(res, status, error(code, message));
  }
  const days = Number(url.searchParams.get('days') ?? 30);
  switch (route) {
    case '/stats/daily':
      return json(res, 200, { days: fx.dailyStats(days) });
    case '/stats/summary':
      return json(res, 200, fx.summary(days));
    case '/mentions':
      return json(res, 200, { items: fx.mentions(), nextCursor: null });
    case '/sources':
      return json(res, 200, { items: fx.sources() });
    case '/topics':
      return json(res, 200, { items: fx.topics });
    default:
      return json(res, 404, error('not_found', `No route ${route}.`));
  }
}

function serveStatic(pathname: string, res: ServerResponse): void {
  const file = path.join(DIST, pathname === '/' ? 'index.html' : path.normalize(pathname));
  if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

const error = (code: string, message: string) => ({ error: { code, message, details: [] } });

function json(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
