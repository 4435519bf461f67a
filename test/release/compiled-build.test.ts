import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../core/config/config.js';
import { QUEUES } from '../../core/queue/jobs.js';
import { Queues, queueSettings } from '../../core/queue/queues.js';
import { exited } from '../support/child-worker.js';
import { redisUrl } from '../support/pg-url.js';
import {
  createTestDatabase,
  testQueuePrefix,
  waitFor,
  type TestDatabase,
} from '../support/test-db.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/ecoute.js');

/**
 * A module hook, given to every process of the release (NODE_OPTIONS reaches the children that
 * `ecoute start` spawns), that makes loading tsx fail loudly: the compiled build must not need it.
 */
const NO_TSX_HOOK = `data:text/javascript,${encodeURIComponent(
  'export async function resolve(specifier, context, next) {' +
    " if (specifier === 'tsx' || specifier.startsWith('tsx/'))" +
    " throw new Error('tsx loaded at run time: ' + specifier);" +
    ' return next(specifier, context); }',
)}`;
const NO_TSX = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(NO_TSX_HOOK)});`,
)}`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(args: string[], env: Record<string, string>) {
  return promisify(execFile)(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
}

async function jsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('the compiled release', () => {
  let database: TestDatabase;
  let queues: Queues;
  let home: string;
  let child: ChildProcess | undefined;
  const prefix = testQueuePrefix();

  beforeAll(
    async () => {
      // The same build as `npm run build:code` (incremental: fast when dist/ is current).
      await promisify(execFile)(
        process.execPath,
        [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
        { cwd: ROOT },
      );
      database = await createTestDatabase();
      home = await mkdtemp(path.join(os.tmpdir(), 'ecoute-release-'));
      queues = new Queues(queueSettings(testConfig({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix })));
    },
    // tsc from scratch takes about a minute on two cores, and over four minutes when other work
    // saturates them (load average 30 seen).
    480_000,
  );
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    for (const q of QUEUES)
      await queues?.byName[q].obliterate({ force: true }).catch(() => undefined);
    await queues?.close();
    await database?.drop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('imports no TypeScript loader anywhere in dist/', async () => {
    const files = await jsFiles(path.join(ROOT, 'dist'));
    expect(files.length).toBeGreaterThan(100);
    const offenders: string[] = [];
    for (const f of files) {
      if (/from ['"]tsx(\/[^'"]*)?['"]|import\(['"]tsx/.test(await readFile(f, 'utf8')))
        offenders.push(path.relative(ROOT, f));
    }
    expect(offenders).toEqual([]);
  });

  it('answers `ecoute --help` from dist/ with every command, tsx forbidden', async () => {
    const { stdout } = await run(['--help'], { NODE_OPTIONS: `--import=${NO_TSX}` });
    for (const name of ['import', 'migrate', 'serve', 'start', 'worker', 'users'])
      expect(stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });

  it('answers a command of its own with its usage', async () => {
    const { stdout } = await run(['migrate', '--help'], { NODE_OPTIONS: `--import=${NO_TSX}` });
    expect(stdout).toMatch(/^Usage: ecoute migrate/);
  });

  it(
    'starts the API and the workers: readiness answers, the demo corpus is analysed in threads, SIGTERM stops both',
    { timeout: 180_000 },
    async () => {
      const port = await freePort();
      let stderr = '';
      child = spawn(process.execPath, [BIN, 'start'], {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_OPTIONS: `--import=${NO_TSX}`,
          NODE_ENV: 'production',
          DATABASE_URL: database.url,
          REDIS_URL: redisUrl,
          QUEUE_PREFIX: prefix,
          ECOUTE_HOME: home,
          ECOUTE_DEMO: '1',
          ANALYZE_THREADS: '1',
          HOST: '127.0.0.1',
          PORT: String(port),
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));

      const ready = await waitFor(
        'the compiled API to answer /api/v1/ready',
        async () => {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/ready`).catch(() => null);
          return res?.status === 200 ? ((await res.json()) as { status: string }) : null;
        },
        // Two busy cores: the API migrates and loads the demo first.
        120_000,
        250,
      );
      expect(ready.status).toBe('ready');

      // Analysis runs in piscina threads: from dist/ they load the compiled thread module.
      const analysed = await waitFor(
        'the workers to analyse demo mentions',
        async () => {
          const r = await sql<{ n: string }>`select count(*) as n from mention_analyses`.execute(
            database.db,
          );
          const n = Number(r.rows[0]!.n);
          return n >= 100 ? n : null;
        },
        90_000,
        500,
      );
      expect(analysed).toBeGreaterThanOrEqual(100);

      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
      expect(stderr).not.toContain('tsx loaded at run time');
    },
  );
});
