/**
 * PageRank benchmark: a seeded 1,000,000-edge social-like graph, scored by Écoute and by igraph.
 *
 *   npx tsx bench/pagerank.ts [--edges 1000000] [--nodes 100000] [--tol 1e-10] [--networkx]
 *
 * Times our load (parse + build) and compute separately, runs igraph's `pagerank` on the same
 * file (bench/pagerank_igraph.py, compute only), checks that the top scores agree within 1e-6, and
 * writes bench/results/pagerank.json with ratio = our compute time / igraph's compute time.
 */
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readEdgeList } from '../core/influence/edge-list.js';
import {
  GraphBuilder,
  PAGERANK_DEFAULTS,
  pagerank,
  type DiGraph,
  type PageRankResult,
} from '../core/influence/pagerank.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULT_FILE = path.join(HERE, 'results', 'pagerank.json');
const AGREEMENT = 1e-6;
const RUNS = 5;
// Debian's python3-igraph lives under the system interpreter, not a pyenv/venv python3 on PATH.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

interface IgraphRun {
  nodes: number;
  edges: number;
  igraph_s: number;
  top: Record<string, number>;
  networkx?: Record<string, number>;
}

const { values } = parseArgs({
  options: {
    edges: { type: 'string', default: '1000000' },
    nodes: { type: 'string', default: '100000' },
    // Our default, as the pipeline and the CLI run it: an L1 change below 1e-10 for the whole
    // vector, whatever the size of the graph. igraph (PRPACK) solves to ~1e-10 too.
    tol: { type: 'string', default: String(PAGERANK_DEFAULTS.tol) },
    networkx: { type: 'boolean', default: false },
  },
});

async function main(): Promise<number> {
  const edges = Number(values.edges);
  const tol = Number(values.tol);
  const dir = mkdtempSync(path.join(tmpdir(), 'ecoute-pagerank-'));
  try {
    const file = path.join(dir, 'edges.txt');
    writeSocialGraph(file, { edges, nodes: Number(values.nodes), seed: 20_240_601 });

    const loadStart = performance.now();
    const graph = await load(file);
    const load_s = (performance.now() - loadStart) / 1000;
    const ours = timeCompute(graph, tol);
    // networkx's default stopping rule, an L1 change below nodes * 1e-6, for comparison.
    const loose = timeCompute(graph, graph.names.length * 1e-6);
    log(
      `ecoute: ${graph.names.length} nodes, ${graph.edgeCount} distinct edges; load ${secs(load_s)}`,
    );
    log(`ecoute: compute ${secs(ours.compute_s)} at tol ${tol} (${ours.iterations} iterations)`);
    log(
      `ecoute: compute ${secs(loose.compute_s)} at networkx's default n * 1e-6 (${loose.iterations})`,
    );

    const igraph = runIgraph(file, tol);
    if (!igraph) return 1;
    log(`igraph: ${igraph.nodes} nodes, ${igraph.edges} edges; compute ${secs(igraph.igraph_s)}`);
    if (!agrees(ours, igraph)) return 1;

    const ratio = ours.compute_s / igraph.igraph_s;
    const result = {
      edges,
      load_s: round(load_s),
      compute_s: round(ours.compute_s),
      igraph_s: round(igraph.igraph_s),
      ratio: round(ratio),
    };
    mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
    writeFileSync(RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`);
    log(
      `ratio ${ratio.toFixed(2)} (goal <= 3); wrote ${path.relative(process.cwd(), RESULT_FILE)}`,
    );
    return ratio <= 3 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function load(file: string): Promise<DiGraph> {
  const builder = new GraphBuilder(false);
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  await readEdgeList(input, (s, t) => builder.addEdge(s, t));
  return builder.build();
}

/** Median of RUNS timed runs, after one untimed run that lets the JIT compile the loop. */
function timeCompute(graph: DiGraph, tol: number) {
  let result = pagerank(graph, { tol });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = pagerank(graph, { tol });
    times.push((performance.now() - start) / 1000);
  }
  return { ...result, compute_s: median(times) };
}

function runIgraph(file: string, tol: number): IgraphRun | undefined {
  const script = path.join(HERE, 'pagerank_igraph.py');
  const args = [script, file, '--repeat', String(RUNS), '--tol', String(tol)];
  if (values.networkx) args.push('--networkx');
  // One thread, like our power iteration. PRPACK's OpenMP threads spin when the cores are busy:
  // on the shared 2-core bench machine igraph took 0.3-0.9 s with 2 threads against 0.1-0.2 s
  // with one, so a single thread is igraph's faster and steadier figure.
  const env = { ...process.env, OMP_NUM_THREADS: '1' };
  const run = spawnSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 1 << 26, env });
  if (run.status === 0) return JSON.parse(run.stdout) as IgraphRun;
  log(run.stderr || String(run.error ?? `${PYTHON} exited with ${run.status}`));
  log('igraph is needed for this benchmark: apt-get update && apt-get install -y python3-igraph');
  log(`(Debian's package, run through ${PYTHON}; python3-networkx adds the --networkx check)`);
  return undefined;
}

/** Our scores against igraph's on igraph's top nodes (and networkx's, when asked). */
function agrees(ours: PageRankResult, igraph: IgraphRun): boolean {
  const byName = new Map(ours.names.map((name, i) => [name, ours.scores[i]!]));
  const diff = maxDifference(byName, igraph.top);
  const count = Object.keys(igraph.top).length;
  log(`agreement with igraph on its top ${count}: max |diff| ${diff.toExponential(2)}`);
  if (igraph.networkx) {
    const nx = maxDifference(byName, igraph.networkx);
    log(`agreement with networkx on the same nodes: max |diff| ${nx.toExponential(2)}`);
    if (!(nx <= AGREEMENT)) return false;
  }
  if (diff <= AGREEMENT) return true;
  log(`FAIL: scores differ by more than ${AGREEMENT}`);
  return false;
}

function maxDifference(ours: Map<string, number>, theirs: Record<string, number>): number {
  let worst = 0;
  for (const [name, score] of Object.entries(theirs)) {
    worst = Math.max(worst, Math.abs((ours.get(name) ?? Number.NaN) - score));
  }
  return worst;
}

/**
 * A social-like directed graph: who replies to whom. Activity (out-edges) and popularity
 * (in-edges) both follow skewed power-law-ish laws, drawn independently; a fifth of the accounts
 * never write (dangling nodes, as lurkers are); no self-loops. Deterministic for a given seed.
 */
function writeSocialGraph(file: string, shape: { edges: number; nodes: number; seed: number }) {
  const random = mulberry32(shape.seed);
  const writers = Math.floor(shape.nodes * 0.8);
  // Popularity ranks are shuffled so that the most active writers are not also the most read.
  const popular = Int32Array.from({ length: shape.nodes }, (_, i) => i);
  for (let i = popular.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [popular[i], popular[j]] = [popular[j]!, popular[i]!];
  }
  const lines: string[] = ['# seeded social-like graph for bench/pagerank.ts'];
  for (let e = 0; e < shape.edges; e++) {
    // u^k for k > 1 concentrates the draws on low ranks: P(rank < x) = (x / n)^(1/k).
    const source = Math.floor(writers * random() ** 2);
    let target = source;
    while (target === source) target = popular[Math.floor(shape.nodes * random() ** 2.5)]!;
    lines.push(`u${source} u${target}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** A small seeded PRNG (mulberry32): 32-bit state, uniform doubles in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function secs(s: number): string {
  return `${s.toFixed(4)} s`;
}

function round(x: number): number {
  return Number(x.toPrecision(4));
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

process.exitCode = await main();
