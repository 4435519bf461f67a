import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';

import { normaliseRole, type LegacyRole, type Role } from './roles.js';

export { ROLES, isRole, type Role } from './roles.js';

export interface Principal {
  /** The api_keys row the caller acts through (a user's own hidden row for password logins). */
  keyId: string;
  /** Set when a person signed in with e-mail and password. */
  userId?: string;
  name: string;
  role: Role;
}

/**
 * The role a credential acts with: a viewer key that a dialogue agent signs in with works the
 * inbox as an agent (linking a key to an agent is how an admin makes someone an agent).
 */
const effectiveRole = sql<Role>`case when k.role = 'viewer' and exists
  (select 1 from agents a where a.api_key_id = k.id) then 'agent' else k.role end`;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A new key: 32 random bytes. Only its SHA-256 is stored; the key is shown once. */
export async function createApiKey(
  db: Db,
  name: string,
  role: Role | LegacyRole,
): Promise<{ id: string; key: string; prefix: string }> {
  const key = `ek_${randomBytes(32).toString('base64url')}`;
  const prefix = key.slice(0, 10);
  const row = await db
    .insertInto('api_keys')
    .values({ name, role: normaliseRole(role), prefix, hash: sha256(key) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, key, prefix };
}

/** `last_used_at` is kept to the minute: a write (and a commit) per request would cost more than the request. */
const LAST_USED_RESOLUTION_S = 60;

export async function authenticateKey(db: Db, key: string): Promise<Principal | null> {
  if (!key.startsWith('ek_') || key.length > 100) return null;
  const row = await db
    .selectFrom('api_keys as k')
    .select(['k.id', 'k.name', effectiveRole.as('role'), 'k.last_used_at'])
    .where('k.hash', '=', sha256(key))
    .where('k.revoked_at', 'is', null)
    // A user's own row is no Bearer key (its hash is of bytes nobody holds; checked anyway).
    .where('k.user_id', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (
    !row.last_used_at ||
    Date.now() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_S * 1000
  ) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .execute();
  }
  return { keyId: row.id, name: row.name, role: row.role };
}

export async function countActiveKeys(db: Db): Promise<number> {
  const r = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('revoked_at', 'is', null)
    .where('user_id', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listApiKeys(db: Db) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'role', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', 'is', null)
    .orderBy('id')
    .execute();
}

export async function revokeApiKey(db: Db, id: string): Promise<boolean> {
  const r = await db
    .updateTable('api_keys')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('user_id', 'is', null)
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
  // A user's name, role and disabled flag are read at each request: a change applies at once.
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('api_keys as k', 'k.id', 's.api_key_id')
    .leftJoin('users as u', 'u.id', 'k.user_id')
    .select([
      'k.id',
      'u.id as userId',
      sql<string>`coalesce(u.name, k.name)`.as('name'),
      sql<Role>`coalesce(u.role, (${effectiveRole}))`.as('role'),
    ])
    .where('s.id', '=', sha256(token))
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('k.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('u.id', 'is', null), eb('u.disabled', '=', false)]))
    .executeTakeFirst();
  if (!row) return null;
  const principal: Principal = { keyId: row.id, name: row.name, role: row.role };
  if (row.userId) principal.userId = row.userId;
  return principal;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
}
