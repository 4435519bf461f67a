import { spawnSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEdgeList } from '../../../core/influence/edge-list.js';
import { rankByScore } from '../../../core/influence/graph/ranking.js';
import { buildGraph, GraphBuilder, pagerank } from '../../../core/influence/pagerank.js';

// Reference values computed by networkx's pagerank (Langville–Meyer: networkx's own test; wiki-Vote:
// pagerank(G, tol=1e-12) on the SNAP file read as a DiGraph). Read from the shared folder, never copied.
const graphsDir = path.join(process.env.ECOUTE_SHARED_DIR ?? '../shared', 'data', 'graphs');

interface Fixture {
  directed_edges: [number, number][];
  alpha: number;
  tol_used_in_test: number;
  expected_pagerank: Record<string, number>;
}

interface Reference {
  node: string;
  inDegree: number;
  outDegree: number;
  score: number;
}

function readReference(): Reference[] {
  const lines = readFileSync(path.join(graphsDir, 'wiki-vote.pagerank.tsv'), 'utf8')
    .trim()
    .split('\n');
  return lines.slice(1).map((line) => {
    const [node, inDegree, outDegree, score] = line.split('\t');
    return {
      node: node!,
      inDegree: Number(inDegree),
      outDegree: Number(outDegree),
      score: Number(score),
    };
  });
}

const wikiVoteFile = path.join(graphsDir, 'wiki-Vote.txt');

function maxDifference(scores: Map<string, number>, reference: Reference[]): number {
  let worst = 0;
  for (const ref of reference) worst = Math.max(worst, Math.abs(scores.get(ref.node)! - ref.score));
  return worst;
}

function topOf(reference: Reference[], count: number): string[] {
  return [...reference]
    .sort((a, b) => b.score - a.score || (a.node < b.node ? -1 : 1))
    .slice(0, count)
    .map((r) => r.node);
}

async function loadWikiVote() {
  const builder = new GraphBuilder(false);
  await readEdgeList(createReadStream(path.join(graphsDir, 'wiki-Vote.txt')), (s, t) =>
    builder.addEdge(s, t),
  );
  return builder.build();
}

describe('pagerank against networkx', () => {
  it('matches the Langville–Meyer example of networkx’s test suite within 1e-6', () => {
    const fixture = JSON.parse(
      readFileSync(path.join(graphsDir, 'langville_meyer_fixture.json'), 'utf8'),
    ) as Fixture;
    const graph = buildGraph(
      fixture.directed_edges.map(([s, t]) => ({ source: String(s), target: String(t) })),
      { weighted: false },
    );
    const { names, scores } = pagerank(graph, {
      alpha: fixture.alpha,
      tol: fixture.tol_used_in_test,
    });
    expect([...names].sort()).toEqual(Object.keys(fixture.expected_pagerank).sort());
    names.forEach((name, i) => {
      expect(Math.abs(scores[i]! - fixture.expected_pagerank[name]!)).toBeLessThan(1e-6);
    });
  });

  it('stops where networkx stops with the same tolerance: every score to its 13th digit', async () => {
    const graph = await loadWikiVote();
    const reference = readReference();
    // networkx's tol=1e-12 stops at an L1 change of n * 1e-12.
    const { names, scores } = pagerank(graph, { tol: graph.names.length * 1e-12 });
    expect(names.length).toBe(reference.length);
    const byName = new Map(names.map((name, i) => [name, scores[i]!]));
    let worst = 0;
    for (const ref of reference)
      worst = Math.max(worst, Math.abs(byName.get(ref.node)! - ref.score));
    // The reference file has 13 significant digits; we agree to its last one.
    expect(worst).toBeLessThan(1e-12);

    const ours = Array.from(rankByScore(names, scores).subarray(0, 100), (id) => names[id]);
    const theirs = [...reference]
      .sort((a, b) => b.score - a.score || (a.node < b.node ? -1 : 1))
      .slice(0, 100)
      .map((r) => r.node);
    expect(ours).toEqual(theirs);
  });

  it('converges with its default options: every score within 1e-9 and the same top 100', async () => {
    const graph = await loadWikiVote();
    const { names, scores } = pagerank(graph);
    const reference = readReference();
    const byName = new Map(names.map((name, i) => [name, scores[i]!]));
    expect(maxDifference(byName, reference)).toBeLessThanOrEqual(1e-9);
    const ours = Array.from(rankByScore(names, scores).subarray(0, 100), (id) => names[id]);
    expect(ours).toEqual(topOf(reference, 100));
  });

  it('ecoute graph pagerank with no options prints the converged scores of wiki-Vote', () => {
    const run = spawnSync(
      process.execPath,
      [path.resolve('bin/ecoute.js'), 'graph', 'pagerank', '--input', wikiVoteFile],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    expect(run.status).toBe(0);
    const printed = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t') as [string, string]);
    const reference = readReference();
    const byName = new Map(printed.map(([node, score]) => [node, Number(score)]));
    expect(byName.size).toBe(reference.length);
    expect(maxDifference(byName, reference)).toBeLessThanOrEqual(1e-9);
    expect(printed.slice(0, 100).map(([node]) => node)).toEqual(topOf(reference, 100));
  });

  it('counts the same in- and out-degrees as networkx on wiki-Vote', async () => {
    const graph = await loadWikiVote();
    const index = new Map(graph.names.map((name, i) => [name, i]));
    const mismatches = readReference().filter((ref) => {
      const id = index.get(ref.node)!;
      return graph.inDegree[id] !== ref.inDegree || graph.outDegree[id] !== ref.outDegree;
    });
    expect(mismatches).toEqual([]);
    expect(graph.edgeCount).toBe(103689);
    expect(graph.outDegree.filter((d) => d === 0).length).toBe(1005);
  });
});
