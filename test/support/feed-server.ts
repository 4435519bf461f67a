import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedServer {
  url(path: string): string;
  /** Replaces what a path answers. */
  set(path: string, status: number, body: string, contentType?: string): void;
  hits(path: string): number;
  close(): Promise<void>;
}

/** A loopback HTTP server answering scripted bodies per path, counting requests. */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, { status: number; body: string; type: string }>();
  const counts = new Map<string, number>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const r = routes.get(path);
    if (!r) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(r.status, { 'content-type': r.type }).end(r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    set: (path, status, body, type = 'application/rss+xml; charset=utf-8') =>
      routes.set(path, { status, body, type }),
    hits: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
