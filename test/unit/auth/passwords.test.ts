import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from '../../../core/auth/passwords.js';
import { isRole, normaliseRole } from '../../../core/auth/roles.js';

describe('password hashing', () => {
  it('verifies the password it hashed and refuses any other', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsE', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts each hash, so one password never hashes the same twice', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('refuses a stored value that is not a scrypt hash', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$1$2$3$aa$bb')).toBe(false);
  });

  it('generates 24-character URL-safe passwords that differ each time', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[\w-]{24}$/);
    expect(generatePassword()).not.toBe(a);
  });
});

describe('roles', () => {
  it('knows the four roles and reads the legacy reader role as viewer', () => {
    expect(['admin', 'analyst', 'agent', 'viewer'].every(isRole)).toBe(true);
    expect(isRole('reader')).toBe(false);
    expect(isRole('root')).toBe(false);
    expect(normaliseRole('reader')).toBe('viewer');
    expect(normaliseRole('agent')).toBe('agent');
  });
});
