import { describe, expect, it } from 'vitest';
import { jwtExpiry } from '../../../core/connectors/bluesky/auth.js';
import { credentialsSchema } from '../../../core/sources/credentials/credential-input.js';

describe('reply credentials as an admin gives them', () => {
  it('reads a bare token as the token scheme, as before', () => {
    expect(credentialsSchema.parse({ token: 'tok-12345678' })).toEqual({
      scheme: 'token',
      token: 'tok-12345678',
    });
  });

  it('reads Reddit OAuth and Bluesky app-password credentials', () => {
    expect(
      credentialsSchema.parse({
        scheme: 'reddit_oauth',
        clientId: 'app',
        clientSecret: 'secret',
        refreshToken: 'refresh-123',
      }),
    ).toMatchObject({ scheme: 'reddit_oauth', refreshToken: 'refresh-123' });
    expect(
      credentialsSchema.parse({
        scheme: 'bluesky_session',
        identifier: 'velia.bsky.social',
        appPassword: 'abcd-efgh',
      }),
    ).toMatchObject({ scheme: 'bluesky_session', identifier: 'velia.bsky.social' });
  });

  it('names the missing or unexpected field', () => {
    const missing = credentialsSchema.safeParse({ scheme: 'reddit_oauth', clientId: 'app' });
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'clientSecret',
      'refreshToken',
    ]);
    const extra = credentialsSchema.safeParse({ token: 'tok-12345678', password: 'x' });
    expect(extra.error!.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['password'] });
    const unknown = credentialsSchema.safeParse({ scheme: 'basic', token: 'tok-12345678' });
    expect(unknown.error!.issues[0]!.path).toEqual(['scheme']);
  });
});

describe('jwtExpiry', () => {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

  it('reads the exp claim of a JWT, in seconds since the epoch', () => {
    const token = `${part({ alg: 'ES256K' })}.${part({ exp: 1_800_000_000 })}.sig`;
    expect(jwtExpiry(token)).toEqual(new Date(1_800_000_000_000));
  });

  it('is null for an opaque token or a JWT without exp', () => {
    expect(jwtExpiry('opaque-token')).toBeNull();
    expect(jwtExpiry(`${part({})}.${part({ sub: 'x' })}.sig`)).toBeNull();
    expect(jwtExpiry('a.not-json.b')).toBeNull();
  });
});
