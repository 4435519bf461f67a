/**
 * CLI cold start: wall-clock time of `ecoute --help` from the compiled build, each run a fresh
 * Node process (no warm module cache), next to a bare `node -e ''` on the same machine.
 *
 *   npm run build:code && npm run bench:cli [-- runs=15]
 *
 * Writes bench/results/cli.json {median_ms, p90_ms, max_ms, node_median_ms, overhead_ms, runs,
 * node, load}; `overhead_ms` is what Écoute adds to Node's own start (the medians' difference),
 * the part that does not grow with the machine's load. Exits 1 when the median misses the goal
 * (500 ms).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const GOAL_MS = 500;
const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/ecoute.js');
const RESULTS = path.join(import.meta.dirname, 'results/cli.json');
const runs = Math.max(3, Number(process.argv[2]?.replace(/^runs=/, '') ?? 15) || 15);

function timeRuns(args: string[]): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
    times.push(ms);
  }
  return times.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

if (!existsSync(path.join(ROOT, 'dist/core/cli/bin.js'))) {
  console.error('bench:cli measures the compiled build: run `npm run build:code` first.');
  process.exit(2);
}

const node = timeRuns(['-e', '']);
const cli = timeRuns([BIN, '--help']);
const result = {
  median_ms: Math.round(quantile(cli, 0.5)),
  p90_ms: Math.round(quantile(cli, 0.9)),
  max_ms: Math.round(cli.at(-1)!),
  node_median_ms: Math.round(quantile(node, 0.5)),
  overhead_ms: Math.round(quantile(cli, 0.5) - quantile(node, 0.5)),
  runs,
  node: process.version,
  /** One-minute load average while it ran, on `cores` cores. */
  load: Math.round(os.loadavg()[0]! * 10) / 10,
  cores: os.availableParallelism(),
};
await writeFile(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `ecoute --help, ${runs} cold starts on Node ${process.version}: median ${result.median_ms} ms, ` +
    `p90 ${result.p90_ms} ms, max ${result.max_ms} ms; bare node: median ${result.node_median_ms} ms, ` +
    `so Écoute adds ${result.overhead_ms} ms (load ${result.load} on ${result.cores} cores). ` +
    `Goal: under ${GOAL_MS} ms — ${result.median_ms < GOAL_MS ? 'met' : 'MISSED'}.`,
);
if (result.median_ms >= GOAL_MS) process.exitCode = 1;
