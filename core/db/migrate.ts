import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  Migrator,
  sql,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely';
import pg from 'pg';
import { projectPath } from '../paths.js';
import type { Db } from './database.js';

export const SQL_DIR = projectPath('sql');

/**
 * Migrations are the numbered files in sql/, applied in name order, each in its own transaction,
 * through Kysely's migrator (which records them and takes a lock so two processes never race).
 */
class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.dir)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const text = await readFile(path.join(this.dir, file), 'utf8');
      migrations[file.replace(/\.sql$/, '')] = {
        up: async (db) => {
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

export async function migrateToLatest(db: Db, dir = SQL_DIR): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: new SqlFileMigrationProvider(dir),
    migrationTableName: 'ecoute_migrations',
    migrationLockTableName: 'ecoute_migrations_lock',
    // Features land in parallel and may take numbers below one already applied somewhere (a
    // long-lived development database): apply the missing ones rather than refuse to start.
    // Migrations never depend on a later number, so the order among them is still by number.
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

/** Creates the database named in `url` if it does not exist (first start on a fresh server). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name) return false;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`create database "${name.replaceAll('"', '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}
