import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Seals secrets at rest (webhook signing secrets, platform credentials) with AES-256-GCM.
 * Sealed form: "v1:" + base64(iv ‖ tag ‖ ciphertext). The key never leaves the process.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(key: string): SecretBox {
    const bytes = /^[0-9a-f]{64}$/i.test(key)
      ? Buffer.from(key, 'hex')
      : Buffer.from(key, 'base64');
    if (bytes.length !== 32) {
      throw new Error('ECOUTE_SECRET_KEY must be 32 bytes, written as 64 hex digits or base64');
    }
    return new SecretBox(bytes);
  }

  /** The configured key, else a key generated once and kept (mode 0600) under ECOUTE_HOME. */
  static async load(configuredKey: string | undefined, home: string): Promise<SecretBox> {
    if (configuredKey) return SecretBox.fromKey(configuredKey);
    const file = path.join(home, 'secret.key');
    try {
      return SecretBox.fromKey((await readFile(file, 'utf8')).trim());
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await mkdir(home, { recursive: true });
    const key = randomBytes(32).toString('hex');
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' }).catch(async (err: unknown) => {
      // Another process created it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    });
    await chmod(file, 0o600);
    return SecretBox.fromKey((await readFile(file, 'utf8')).trim());
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  open(sealed: string): string {
    if (!sealed.startsWith('v1:')) throw new Error('unknown sealed-secret format');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
