import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../core/connectors/connector-error.js';
import { createOutboundHttp } from '../../../core/http/outbound.js';
import { createSafeAgents } from '../../../core/http/safe-agents.js';
import { scripted, startReplayServer, type ReplayServer } from '../../support/replay-server.js';

let server: ReplayServer;
beforeEach(async () => {
  server = await startReplayServer();
});
afterEach(async () => {
  await server.close();
});

const allowLocal = (extra: Partial<Parameters<typeof createOutboundHttp>[0]> = {}) =>
  createOutboundHttp({
    timeoutMs: 2000,
    maxBytes: 1024 * 1024,
    allowHosts: ['127.0.0.1'],
    ...extra,
  });

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ConnectorError);
    return err as ConnectorError;
  }
  throw new Error('the request succeeded');
}

describe('createOutboundHttp: refused before any connection', () => {
  it.each([
    ['the loopback literal', (port: number) => `http://127.0.0.1:${port}/`],
    ['the decimal form', (port: number) => `http://2130706433:${port}/`],
    ['the hex form', (port: number) => `http://0x7f.1:${port}/`],
    ['the octal form', (port: number) => `http://0177.0.0.1:${port}/`],
    ['the IPv4-mapped IPv6 form', (port: number) => `http://[::ffff:127.0.0.1]:${port}/`],
    ['a name resolving to loopback', (port: number) => `http://localhost:${port}/`],
  ])('refuses %s of the local server and never connects', async (_what, url) => {
    server.route('/', scripted.json({ secret: true }));
    const http = createOutboundHttp({ timeoutMs: 2000, maxBytes: 1024, allowHosts: [] });
    const err = await failure(http.get(url(server.port)));
    expect(err.code).toBe('blocked_url');
    expect(server.connections).toBe(0);
  });

  it('refuses non-http schemes', async () => {
    const http = allowLocal();
    expect((await failure(http.get('file:///etc/passwd'))).code).toBe('blocked_url');
    expect((await failure(http.get('data:text/plain,hello'))).code).toBe('blocked_url');
  });

  it('checks IP literals in the agent itself, below axios', async () => {
    const { httpAgent } = createSafeAgents({ allowHosts: [], connectTimeoutMs: 1000 });
    const err = await new Promise<Error>((resolve) => {
      http
        .get({ host: '127.0.0.1', port: server.port, path: '/', agent: httpAgent })
        .on('error', resolve);
    });
    expect(err).toMatchObject({ code: 'blocked_url' });
    expect(server.connections).toBe(0);
  });
});

describe('createOutboundHttp: redirects', () => {
  it('refuses a redirect to a private address and never requests it', async () => {
    server.route('/start', scripted.redirect(`http://localhost:${server.port}/secret`));
    server.route('/secret', scripted.json({ secret: true }));
    const err = await failure(allowLocal().get(`${server.url}/start`));
    expect(err.code).toBe('blocked_url');
    expect(err.message).toContain('localhost');
    expect(server.requests.map((r) => r.url)).toEqual(['/start']);
  });

  it('refuses a redirect to the metadata address before connecting to it', async () => {
    server.route('/start', scripted.redirect('http://169.254.169.254/latest/meta-data/'));
    const err = await failure(allowLocal().get(`${server.url}/start`));
    expect(err.code).toBe('blocked_url');
    expect(err.message).toContain('link-local');
  });

  it('refuses a redirect to a non-http scheme', async () => {
    server.route('/start', scripted.redirect('file:///etc/passwd'));
    const err = await failure(allowLocal().get(`${server.url}/start`));
    expect(err.code).toBe('blocked_url');
  });

  it('follows up to three redirects and refuses the fourth', async () => {
    server.route('/r1', scripted.redirect('/r2'));
    server.route('/r2', scripted.redirect('/r3'));
    server.route('/r3', scripted.redirect('/done'));
    server.route('/done', scripted.json({ ok: true }));
    const res = await allowLocal().get(`${server.url}/r1`);
    expect(res.data).toEqual({ ok: true });

    server.route('/r0', scripted.redirect('/r1'));
    const err = await failure(allowLocal().get(`${server.url}/r0`));
    expect(err.code).toBe('blocked_url');
    expect(err.message).toContain('too many redirects');
  });
});

describe('createOutboundHttp: limits', () => {
  it('aborts a 10 MB body past the size cap with too_large', async () => {
    server.route('/big', scripted.huge(10 * 1024 * 1024));
    const err = await failure(allowLocal().get(`${server.url}/big`));
    expect(err.code).toBe('too_large');
  });

  it('times out a server that does not answer in time', async () => {
    server.route('/slow', scripted.slow(3000));
    const started = Date.now();
    const err = await failure(allowLocal({ timeoutMs: 300 }).get(`${server.url}/slow`));
    expect(err.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a body that stalls after the headers (total timeout)', async () => {
    server.route('/stall', { status: 200, body: 'x', stallBodyMs: 3000 });
    const err = await failure(allowLocal({ timeoutMs: 300 }).get(`${server.url}/stall`));
    expect(err.code).toBe('timeout');
  });

  it('sends its user agent', async () => {
    server.route('/ua', scripted.json({}));
    await allowLocal({ userAgent: 'EcouteTest/1' }).get(`${server.url}/ua`);
    expect(server.requests[0]?.headers['user-agent']).toBe('EcouteTest/1');
  });
});

describe('createOutboundHttp: HTTP errors as connector errors', () => {
  it.each([
    [500, 'server_error'],
    [503, 'server_error'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [410, 'not_found'],
    [400, 'bad_config'],
  ])('maps HTTP %i to %s', async (status, code) => {
    server.route('/x', scripted.status(status, 'nope'));
    expect((await failure(allowLocal().get(`${server.url}/x?q=secret`))).code).toBe(code);
  });

  it('keeps the query string (search terms, tokens) out of error messages', async () => {
    server.route('/x', scripted.status(500));
    const err = await failure(allowLocal().get(`${server.url}/x?access_token=abc`));
    expect(err.message).toContain('/x: HTTP 500');
    expect(err.message).not.toContain('abc');
  });

  it('reads Retry-After in seconds on a 429', async () => {
    server.route('/x', scripted.tooManyRequests('120'));
    const err = await failure(allowLocal().get(`${server.url}/x`));
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfterMs).toBe(120_000);
  });

  it('reads Retry-After as an HTTP-date on a 429', async () => {
    const at = new Date(Date.now() + 90_000).toUTCString();
    server.route('/x', scripted.tooManyRequests(at));
    const err = await failure(allowLocal().get(`${server.url}/x`));
    expect(err.retryAfterMs).toBeGreaterThan(85_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(90_000);
  });

  it('falls back to x-ratelimit-reset when a 429 has no Retry-After', async () => {
    server.route('/x', { status: 429, headers: { 'x-ratelimit-reset': '30' }, body: '' });
    const err = await failure(allowLocal().get(`${server.url}/x`));
    expect(err.retryAfterMs).toBeGreaterThan(29_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('reports a refused connection as a network error', async () => {
    const port = server.port;
    await server.close();
    const err = await failure(allowLocal().get(`http://127.0.0.1:${port}/`));
    expect(err.code).toBe('network');
    server = await startReplayServer();
  });
});
