import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { DomainError, invalid } from '../errors.js';
import { generatePassword, hashPassword, verifyPassword } from './passwords.js';
import type { Principal } from './api-keys.js';
import { isRole, type Role } from './roles.js';

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A new user and its own credential row (see sql/0014): the row's hash is of random bytes that
 * are thrown away, so it can never be presented as a Bearer key. Returns the password, shown once.
 */
export async function createUser(
  db: Db,
  input: { email: string; name: string; role: string; password?: string },
): Promise<{ user: UserDto; password: string }> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw invalid('email', 'must be an e-mail address');
  if (!input.name.trim()) throw invalid('name', 'must not be empty');
  if (!isRole(input.role)) throw invalid('role', 'must be admin, analyst, agent or viewer');
  const role = input.role;
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    if (taken)
      throw new DomainError('conflict', `a user with e-mail ${email} exists`, [
        { field: 'email', reason: 'taken' },
      ]);
    const row = await trx
      .insertInto('users')
      .values({ email, name: input.name.trim(), role, password_hash: passwordHash })
      .returningAll()
      .executeTakeFirstOrThrow();
    const unusable = createHash('sha256').update(randomBytes(32)).digest('hex');
    await trx
      .insertInto('api_keys')
      .values({ name: row.name, role, prefix: 'user', hash: unusable, user_id: row.id })
      .execute();
    return { user: toDto(row), password };
  });
}

export async function listUsers(db: Db): Promise<UserDto[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('id').execute();
  return rows.map(toDto);
}

export async function setUserDisabled(db: Db, id: string, disabled: boolean): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ disabled, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The user behind an e-mail and password, or null (unknown, disabled or wrong password). */
export async function authenticatePassword(
  db: Db,
  email: string,
  password: string,
): Promise<Principal | null> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('api_keys as k', 'k.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.role', 'u.password_hash', 'u.disabled', 'k.id as keyId'])
    .where('u.email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  // An unknown e-mail costs one hash too, so timing does not tell which e-mails exist.
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash()));
  if (!row || !ok || row.disabled) return null;
  return { keyId: row.keyId, userId: row.id, name: row.name, role: row.role };
}

/** Hash of an empty password with the current parameters, for unknown e-mails (made once). */
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(''));

function toDto(row: {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  created_at: Date;
}): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    createdAt: row.created_at.toISOString(),
  };
}
