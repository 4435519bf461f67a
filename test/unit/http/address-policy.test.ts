import { describe, expect, it } from 'vitest';
import { blockedAddressReason } from '../../../core/http/address-policy.js';
import { assertSafeUrl, checkUrlSyntax } from '../../../core/http/safe-url.js';
import { ConnectorError } from '../../../core/connectors/connector-error.js';

describe('blockedAddressReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['::7f00:1', 'IPv4-compatible'],
  ])('refuses %s as %s', (address, kind) => {
    expect(blockedAddressReason(address)).toContain(kind);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'lets the public address %s through',
    (address) => {
      expect(blockedAddressReason(address)).toBeNull();
    },
  );
});

describe('checkUrlSyntax', () => {
  const refused = (url: string, allow: string[] = []) => {
    try {
      checkUrlSyntax(url, allow);
    } catch (err) {
      return err as ConnectorError;
    }
    throw new Error(`${url} was accepted`);
  };

  it.each([
    ['http://2130706433/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://[::1]:8080/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[0:0:0:0:0:ffff:7f00:1]/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://[fd00::1]/', 'unique-local'],
    ['http://0/', 'unspecified'],
    ['http://10.0.0.1/feed', 'private'],
  ])('refuses %s before any connection', (url, kind) => {
    const err = refused(url);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err.code).toBe('blocked_url');
    expect(err.message).toContain(kind);
  });

  it.each([
    'file:///etc/passwd',
    'ftp://example.com/feed',
    'gopher://example.com/',
    'data:text/plain,hi',
    'javascript:alert(1)',
  ])('refuses the non-http scheme of %s', (url) => {
    expect(refused(url).message).toMatch(/scheme .* is not http or https/);
  });

  it('refuses credentials in the URL and text that is not a URL', () => {
    expect(refused('https://user:pw@example.com/').message).toContain('credentials');
    expect(refused('not a url').message).toContain('not an absolute URL');
  });

  it('lets allow-listed hosts through, with or without IPv6 brackets', () => {
    expect(checkUrlSyntax('http://127.0.0.1:8080/x', ['127.0.0.1']).port).toBe('8080');
    expect(checkUrlSyntax('http://[::1]/', ['::1']).hostname).toBe('[::1]');
    expect(checkUrlSyntax('https://example.com/feed', []).hostname).toBe('example.com');
  });
});

describe('assertSafeUrl', () => {
  it('refuses a name that resolves to a loopback address', async () => {
    await expect(assertSafeUrl('http://localhost:9/feed', [])).rejects.toMatchObject({
      code: 'blocked_url',
      message: expect.stringContaining('host "localhost" resolves to'),
    });
  });

  it('accepts that same name once it is allow-listed', async () => {
    const url = await assertSafeUrl('http://localhost:9/feed', ['localhost']);
    expect(url.href).toBe('http://localhost:9/feed');
  });

  it('accepts a public IP literal without a lookup', async () => {
    const url = await assertSafeUrl('https://93.184.216.34/rss', []);
    expect(url.hostname).toBe('93.184.216.34');
  });

  it('refuses a non-http scheme with the reason', async () => {
    await expect(assertSafeUrl('file:///etc/passwd', [])).rejects.toMatchObject({
      code: 'blocked_url',
    });
  });
});
