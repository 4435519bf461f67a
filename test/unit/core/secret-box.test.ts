import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../../core/security/secret-box.js';

describe('sealed secrets', () => {
  const key = 'a'.repeat(64);

  it('opens what it sealed, and seals the same secret differently each time', () => {
    const box = SecretBox.fromKey(key);
    const a = box.seal('whsec_123');
    const b = box.seal('whsec_123');
    expect(a).not.toBe(b);
    expect(a).not.toContain('whsec_123');
    expect(box.open(a)).toBe('whsec_123');
  });

  it('refuses a sealed value that was tampered with or sealed under another key', () => {
    const box = SecretBox.fromKey(key);
    const sealed = box.seal('secret');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => box.open(`v1:${raw.toString('base64')}`)).toThrow();
    expect(() => SecretBox.fromKey('b'.repeat(64)).open(sealed)).toThrow();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => SecretBox.fromKey('abcd')).toThrow(/32 bytes/);
  });

  it('generates a key file readable by its owner only, and reuses it', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'ecoute-key-'));
    const first = await SecretBox.load(undefined, home);
    const sealed = first.seal('x');
    const second = await SecretBox.load(undefined, home);
    expect(second.open(sealed)).toBe('x');
    const file = path.join(home, 'secret.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
  });
});
