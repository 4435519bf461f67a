import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createDb } from '../../core/db/database.js';
import { migrateToLatest } from '../../core/db/migrate.js';
import { waitFor } from './test-db.js';

/**
 * Private Redis and PostgreSQL servers for fault tests, on free ports in temporary directories:
 * a test may kill, stop and restart them without touching the servers other suites share.
 * Always call `cleanup()` in afterAll; it stops the server and deletes its files.
 */

const run = promisify(execFile);

/** A port nobody listens on right now (the OS picks it; the server binds it right after). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** SIGKILL: a crash, nothing flushed (and nothing kept: the server has no persistence). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  cleanup(): Promise<void>;
}

/** redis-server with no persistence unless `args` says otherwise (e.g. ['--appendonly', 'yes']). */
export async function startPrivateRedis(args: string[] = []): Promise<PrivateRedis> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ecoute-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
        ...args,
      ],
      { stdio: 'ignore' },
    );
    await waitFor(`private Redis on port ${port}`, () => ping(url), 10_000, 50);
  };
  const kill = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url,
    port,
    kill,
    start,
    async cleanup() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function ping(url: string): Promise<boolean> {
  const r = new Redis(url, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

export interface PrivatePostgres {
  port: number;
  /** A connection URL to `database` on this server. */
  url(database?: string): string;
  /** Creates `name` and migrates it to the latest schema; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** `immediate` is a crash (no checkpoint, connections cut); `fast` a clean shutdown. */
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
  start(): Promise<void>;
  cleanup(): Promise<void>;
}

async function pgBinDir(): Promise<string> {
  const versions = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

/** initdb and pg_ctl refuse to run as root: as root, they run as the postgres user. */
async function asServerUser(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

/** A throwaway PostgreSQL cluster (trust auth, user postgres) that a test can stop and restart. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = await pgBinDir();
  const user = await asServerUser();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ecoute-pg-'));
  if (user.uid !== undefined) await chown(dir, user.uid, user.gid!);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const exec = (file: string, args: string[]) =>
    run(path.join(bin, file), args, {
      ...user,
      cwd: dir,
      env: { ...process.env, LC_ALL: 'C.UTF-8' },
    });

  await exec('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8']);
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const start = async () => {
    // -w waits until the server accepts connections; fsync off: a test cluster need not survive power loss.
    await exec('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-t',
      '30',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  };
  const stop = async (mode: 'immediate' | 'fast' = 'fast') => {
    await exec('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']).catch(() => undefined);
  };
  await start();
  return {
    port,
    url,
    start,
    stop,
    async createDatabase(name) {
      const admin = new pg.Client({ connectionString: url() });
      await admin.connect();
      try {
        await admin.query(`create database ${name}`);
      } finally {
        await admin.end();
      }
      const db = createDb({ url: url(name), max: 1 });
      try {
        await migrateToLatest(db);
      } finally {
        await db.destroy();
      }
      return url(name);
    },
    async cleanup() {
      await stop('immediate');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
