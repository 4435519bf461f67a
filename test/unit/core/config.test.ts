import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../core/config/config.js';

describe('configuration', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/ecoute');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
    expect(config.ECOUTE_DEMO).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every invalid variable at once, each with its reason', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'not a url',
        ECOUTE_DEMO: 'maybe',
        ANALYZE_BATCH_SIZE: '0',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues.map((i) => i.split(':')[0]).sort()).toEqual([
      'ANALYZE_BATCH_SIZE',
      'DATABASE_URL',
      'ECOUTE_DEMO',
      'PORT',
    ]);
  });

  it('reads flags and lists from their text forms', () => {
    const config = loadConfig({
      ECOUTE_DEMO: '0',
      OUTBOUND_ALLOW_HOSTS: ' 127.0.0.1, localhost ,',
    });
    expect(config.ECOUTE_DEMO).toBe(false);
    expect(config.OUTBOUND_ALLOW_HOSTS).toEqual(['127.0.0.1', 'localhost']);
  });

  it('trusts a proxy on the same host by default, and reads hops, lists and false', () => {
    expect(loadConfig({}).TRUST_PROXY).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8 ,fd00::1' }).TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::1',
    ]);
  });

  it('refuses TRUST_PROXY=true and entries that are not addresses, naming them', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: true would believe/);
    expect(() => loadConfig({ TRUST_PROXY: 'loopback, proxy.internal, 10.0.0.0/99' })).toThrow(
      /TRUST_PROXY: .*not understood: proxy\.internal, 10\.0\.0\.0\/99/,
    );
  });
});
