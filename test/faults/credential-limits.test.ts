import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../core/auth/api-keys.js';
import { ACCOUNT_MAX_FAILURES } from '../../core/auth/login-throttle.js';
import { createUser } from '../../core/auth/users.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';

/** Refused credentials per address and per key prefix in this test (LOGIN_RATE_LIMIT_MAX). */
const BUDGET = 5;

describe('credential limits punish the guesser, not the neighbours', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      workers: false,
      config: { LOGIN_RATE_LIMIT_MAX: BUDGET, RATE_LIMIT_MAX: 100_000 },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const read = (key: string, from: string) =>
    fetch(`${app.baseUrl}/api/v1/mentions`, {
      headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': from },
    });
  const login = (body: Record<string, string>, from: string) =>
    fetch(`${app.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify(body),
    });

  it('keeps letting valid keys in from an address whose neighbour keeps sending refused keys', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < BUDGET + 10; i++)
      statuses.push((await read(`ek_bad${i}xyz`, '10.7.0.1')).status);
    expect(statuses.slice(0, BUDGET)).toEqual(new Array(BUDGET).fill(401));
    expect(new Set(statuses.slice(BUDGET))).toEqual(new Set([429]));
    const guess = await read('ek_another', '10.7.0.1');
    expect(guess.status).toBe(429);
    expect(Number(guess.headers.get('retry-after'))).toBeGreaterThan(0);

    // The team behind the same address: every valid key still works, by header and by login.
    expect((await read(app.readerKey, '10.7.0.1')).status).toBe(200);
    expect((await read(app.adminKey, '10.7.0.1')).status).toBe(200);
    expect((await login({ apiKey: app.adminKey }, '10.7.0.1')).status).toBe(200);
  });

  it('counts guesses at one key prefix across addresses, without blocking that key', async () => {
    const target = await createApiKey(app.database.db, 'targeted', 'viewer');
    const statuses: number[] = [];
    for (let i = 0; i < BUDGET + 2; i++) {
      statuses.push((await read(`${target.prefix}guess${i}`, `10.8.0.${i}`)).status);
    }
    expect(statuses).toEqual([...new Array(BUDGET).fill(401), 429, 429]);
    // A fresh address guessing that prefix is told to wait; guessing another prefix is not.
    expect((await read(`${target.prefix}guess-x`, '10.8.1.1')).status).toBe(429);
    expect((await read('ek_zzzzzzzguess', '10.8.1.2')).status).toBe(401);
    // The key itself, from anywhere.
    expect((await read(target.key, '10.8.1.3')).status).toBe(200);
    expect((await read(target.key, '10.8.0.1')).status).toBe(200);
  });

  // About 30 password checks, each a deliberately slow hash.
  it(
    'throttles password guesses spread over many addresses per account, but not the owner at home',
    {
      timeout: 120_000,
    },
    async () => {
      const email = 'nadia@velia.example';
      const { password } = await createUser(app.database.db, {
        email,
        name: 'Nadia',
        role: 'viewer',
      });
      expect((await login({ email, password }, '10.9.0.1')).status).toBe(200);

      const statuses: number[] = [];
      for (let i = 0; i < ACCOUNT_MAX_FAILURES + 3; i++) {
        // Three tries per address: under the per-address budget and the per-pair lockout.
        const from = `10.9.${1 + Math.floor(i / 3)}.1`;
        statuses.push((await login({ email, password: `guess-${i}` }, from)).status);
      }
      expect(statuses.slice(0, ACCOUNT_MAX_FAILURES)).toEqual(
        new Array(ACCOUNT_MAX_FAILURES).fill(401),
      );
      expect(statuses.slice(ACCOUNT_MAX_FAILURES)).toEqual([429, 429, 429]);

      // Even the right password from a new address waits; the owner's known address does not.
      const elsewhere = await login({ email, password }, '10.9.200.1');
      expect(elsewhere.status).toBe(429);
      expect(Number(elsewhere.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await login({ email, password }, '10.9.0.1')).status).toBe(200);
      // Another account is not throttled.
      const other = await createUser(app.database.db, {
        email: 'omar@velia.example',
        name: 'Omar',
        role: 'viewer',
      });
      expect(
        (await login({ email: 'omar@velia.example', password: other.password }, '10.9.200.1'))
          .status,
      ).toBe(200);
    },
  );
});
