import type { ColumnType, Generated } from 'kysely';
import type { Role } from './roles.js';

/** Kysely types of the tables in sql/0014_people_roles.sql (registered in core/db/schema.ts). */
type Id = ColumnType<string, never, never>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UsersTable {
  id: Id;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  disabled: Generated<boolean>;
  created_at: Stamp;
  updated_at: Stamp;
}

export interface LoginFailuresTable {
  email: string;
  ip: string;
  failed_at: Stamp;
}

/** Addresses an e-mail logged in from with the right password (sql/0023). */
export interface LoginAddressesTable {
  email: string;
  ip: string;
  last_login_at: Stamp;
}

export interface AuthTables {
  users: UsersTable;
  login_failures: LoginFailuresTable;
  login_addresses: LoginAddressesTable;
}
