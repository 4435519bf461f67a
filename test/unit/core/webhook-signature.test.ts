import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../core/errors.js';
import { signWebhook, verifyWebhook } from '../../../core/ingestion/webhook-signature.js';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = Buffer.from('{"eventId":"e1","mentions":[]}');
  const now = 1_800_000_000_000;
  const ts = now / 1000;

  const verify = (over: Partial<Parameters<typeof verifyWebhook>[0]>) => () =>
    verifyWebhook({
      secret,
      rawBody: body,
      timestampHeader: String(ts),
      signatureHeader: signWebhook(secret, ts, body),
      toleranceS: 300,
      nowMs: now,
      ...over,
    });

  it('accepts the HMAC-SHA256 of "timestamp.body" under the secret', () => {
    expect(signWebhook(secret, ts, body)).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verify({})).not.toThrow();
  });

  it('refuses a changed body, another secret, a missing or a malformed timestamp', () => {
    expect(verify({ rawBody: Buffer.from('{"eventId":"e2","mentions":[]}') })).toThrow(DomainError);
    expect(verify({ signatureHeader: signWebhook('other', ts, body) })).toThrow(/does not match/);
    expect(verify({ timestampHeader: undefined })).toThrow(/Unix time/);
    expect(verify({ timestampHeader: 'yesterday' })).toThrow(/Unix time/);
  });

  it('refuses a delivery signed more than the tolerance away from now, in either direction', () => {
    expect(verify({ nowMs: now + 301_000 })).toThrow(/301 s away/);
    expect(verify({ nowMs: now - 301_000 })).toThrow(/301 s away/);
    expect(verify({ nowMs: now + 299_000 })).not.toThrow();
  });
});
