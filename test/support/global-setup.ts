import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../core/db/database.js';
import { migrateToLatest } from '../../core/db/migrate.js';
import { adminUrl, databaseUrl } from './pg-url.js';

/**
 * Once per run: a template database migrated to the latest schema. Each integration test file
 * clones it (CREATE DATABASE … TEMPLATE is a file copy, far faster than migrating again).
 */
export default async function setup(project: TestProject) {
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const template = `ecoute_tpl_${run}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const db = createDb({ url: databaseUrl(template), max: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  // A template must have no open connections when it is cloned.
  await admin.query(`update pg_database set datistemplate = true where datname = $1`, [template]);
  project.provide('templateDatabase', template);
  project.provide('testRun', run);

  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1`,
      [`ecoute_%${run}%`],
    );
    for (const { datname } of leftovers.rows) {
      await admin.query(`update pg_database set datistemplate = false where datname = $1`, [
        datname,
      ]);
      await admin.query(`drop database if exists ${datname} with (force)`);
    }
    await admin.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    testRun: string;
  }
}
