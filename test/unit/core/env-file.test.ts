import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../../core/config/config.js';
import { CLI_FROM_SOURCES } from '../../support/run-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** Read by docker-compose.yml only, to set up its Postgres. */
const COMPOSE_ONLY = ['POSTGRES_PASSWORD'];

describe('.env.example and .env', () => {
  const documented = [
    ...readFileSync(path.join(ROOT, '.env.example'), 'utf8').matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm),
  ].map((m) => m[1]!);

  it('.env.example documents every variable the configuration reads, and no other', () => {
    expect(CONFIG_VARIABLES.filter((v) => !documented.includes(v))).toEqual([]);
    expect(
      documented.filter((v) => !CONFIG_VARIABLES.includes(v) && !COMPOSE_ONLY.includes(v)),
    ).toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
  });

  const dir = mkdtempSync(path.join(tmpdir(), 'ecoute-env-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ecoute reads a .env in the current folder, the environment winning over it', () => {
    writeFileSync(path.join(dir, '.env'), 'DATABASE_URL=not a url\nPORT=eighty\n');
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: '3000' };
    delete env.DATABASE_URL;
    const run = spawnSync(process.execPath, [...CLI_FROM_SOURCES, 'migrate'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL');
    expect(run.stderr).not.toContain('PORT');
  });
});
