import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';

/** The addresses failed logins were counted under (the login throttle keys on req.ip). */
async function failedLoginAddresses(app: TestApp, email: string): Promise<string[]> {
  const r = await sql<{ ip: string }>`select ip from login_failures where email = ${email}`.execute(
    app.database.db,
  );
  return r.rows.map((row) => row.ip);
}

function failLogin(app: TestApp, email: string, forwardedFor: string) {
  return fetch(`${app.baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ email, password: 'wrong' }),
  });
}

describe('TRUST_PROXY decides whose X-Forwarded-For is believed', () => {
  let loopbackProxy: TestApp;
  let remoteProxy: TestApp;

  beforeAll(async () => {
    // The test client connects from 127.0.0.1: a proxy on the same host, in the first app only.
    loopbackProxy = await startTestApp({ workers: false });
    remoteProxy = await startTestApp({ workers: false, config: { TRUST_PROXY: ['10.0.0.0/8'] } });
  });
  afterAll(async () => {
    await loopbackProxy?.stop();
    await remoteProxy?.stop();
  });

  it('counts a client behind a trusted proxy under the address the proxy names', async () => {
    expect((await failLogin(loopbackProxy, 'a@velia.example', '203.0.113.7')).status).toBe(401);
    expect(await failedLoginAddresses(loopbackProxy, 'a@velia.example')).toEqual(['203.0.113.7']);
  });

  it('ignores the header from a peer that is not a trusted proxy, counting the peer itself', async () => {
    expect((await failLogin(remoteProxy, 'b@velia.example', '203.0.113.7')).status).toBe(401);
    const [ip] = await failedLoginAddresses(remoteProxy, 'b@velia.example');
    expect(ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });
});
