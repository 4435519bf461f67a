import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export type Role = 'admin' | 'reader';
export const ROLES: readonly Role[] = ['admin', 'reader'];

export interface Principal {
  keyId: string;
  name: string;
  role: Role;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A new key: 32 random bytes. Only its SHA-256 is stored; the key is shown once. */
export async function createApiKey(
  db: Db,
  name: string,
  role: Role,
): Promise<{ id: string; key: string; prefix: string }> {
  const key = `ek_${randomBytes(32).toString('base64url')}`;
  const prefix = key.slice(0, 10);
  const row = await db
    .insertInto('api_keys')
    .values({ name, role, prefix, hash: sha256(key) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, key, prefix };
}

export async function authenticateKey(db: Db, key: string): Promise<Principal | null> {
  if (!key.startsWith('ek_') || key.length > 100) return null;
  const row = await db
    .updateTable('api_keys')
    .set({ last_used_at: sql<Date>`now()` })
    .where('hash', '=', sha256(key))
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'role'])
    .executeTakeFirst();
  return row ? { keyId: row.id, name: row.name, role: row.role } : null;
}

export async function countActiveKeys(db: Db): Promise<number> {
  const r = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listApiKeys(db: Db) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'role', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy('id')
    .execute();
}

export async function revokeApiKey(db: Db, id: string): Promise<boolean> {
  const r = await db
    .updateTable('api_keys')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** A dashboard session: an opaque cookie value whose SHA-256 is the row id. */
export async function createSession(db: Db, keyId: string, ttlHours: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      api_key_id: keyId,
      expires_at: new Date(Date.now() + ttlHours * 3_600_000),
    })
    .execute();
  return token;
}

export async function resolveSession(db: Db, token: string): Promise<Principal | null> {
  if (token.length > 100) return null;
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('api_keys as k', 'k.id', 's.api_key_id')
    .select(['k.id', 'k.name', 'k.role'])
    .where('s.id', '=', sha256(token))
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { keyId: row.id, name: row.name, role: row.role } : null;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
}
