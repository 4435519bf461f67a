import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  pagerank,
  PageRankConvergenceError,
  type DiGraph,
  type Edge,
} from '../../../core/influence/pagerank.js';

// Tight enough that the power iteration sits on the fixed point to ~1e-13, so closed forms can be
// compared at 12 decimals.
const EXACT = { tol: 1e-15, maxIter: 1000 };
const ALPHA = 0.85;

function edges(...pairs: [string, string, number?][]): Edge[] {
  return pairs.map(([source, target, weight]) => ({ source, target, weight }));
}

function scoresOf(graph: DiGraph, options = EXACT): Record<string, number> {
  const { names, scores } = pagerank(graph, options);
  return Object.fromEntries(names.map((name, i) => [name, scores[i]!]));
}

function expectScores(actual: Record<string, number>, expected: Record<string, number>) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [node, value] of Object.entries(expected)) expect(actual[node]).toBeCloseTo(value, 12);
}

describe('pagerank', () => {
  it('gives every node of a directed cycle the same score, 1/n', () => {
    const cycle = buildGraph(edges(['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'a']), {
      weighted: false,
    });
    expectScores(scoresOf(cycle), { a: 0.25, b: 0.25, c: 0.25, d: 0.25 });
  });

  it('scores a star whose leaves point at a dangling centre by its closed form', () => {
    // k leaves -> centre; centre dangling. leaf = 1/(n + αk), centre = (1 + αk)/(n + αk).
    const k = 5;
    const n = k + 1;
    const star = buildGraph(
      Array.from({ length: k }, (_, i) => ({ source: `leaf${i}`, target: 'centre' })),
      { weighted: false },
    );
    const scores = scoresOf(star);
    expect(scores.centre).toBeCloseTo((1 + ALPHA * k) / (n + ALPHA * k), 12);
    for (let i = 0; i < k; i++) expect(scores[`leaf${i}`]).toBeCloseTo(1 / (n + ALPHA * k), 12);
  });

  it('spreads the mass of dangling nodes uniformly over all nodes', () => {
    // a -> b, a -> c; b and c dangling. a = 1/(3 + α), b = c = (2 + α) / (2(3 + α)).
    const graph = buildGraph(edges(['a', 'b'], ['a', 'c']), { weighted: false });
    const a = 1 / (3 + ALPHA);
    expectScores(scoresOf(graph), { a, b: (2 + ALPHA) * a * 0.5, c: (2 + ALPHA) * a * 0.5 });
  });

  it('counts a self-loop as an out-edge that keeps part of the node’s own score', () => {
    // a -> a, a -> b, b -> a. b = 1/(2 + α), a = (1 + α)/(2 + α); without the loop both are 1/2.
    const graph = buildGraph(edges(['a', 'a'], ['a', 'b'], ['b', 'a']), { weighted: false });
    expectScores(scoresOf(graph), { a: (1 + ALPHA) / (2 + ALPHA), b: 1 / (2 + ALPHA) });
    expect(graph.outDegree[0]).toBe(2);
    expect(graph.inDegree[0]).toBe(2);
  });

  it('counts a repeated pair once and ignores weights on an unweighted graph', () => {
    const graph = buildGraph(edges(['a', 'b', 1], ['a', 'b', 2], ['a', 'c', 1]), {
      weighted: false,
    });
    // Same as a -> b, a -> c: a = 1/(3 + α), b = c = a(1 + α/2).
    const a = 1 / (3 + ALPHA);
    expectScores(scoresOf(graph), { a, b: a * (1 + ALPHA / 2), c: a * (1 + ALPHA / 2) });
    expect(graph.edgeCount).toBe(2);
  });

  it('adds the weights of a repeated pair on a weighted graph', () => {
    const graph = buildGraph(edges(['a', 'b', 1], ['a', 'b', 2], ['a', 'c', 1]), {
      weighted: true,
    });
    // a splits its score 3/4 to b and 1/4 to c: b = a(1 + 3α/4), c = a(1 + α/4).
    const a = 1 / (3 + ALPHA);
    expectScores(scoresOf(graph), { a, b: a * (1 + 0.75 * ALPHA), c: a * (1 + 0.25 * ALPHA) });
    expect(graph.edgeCount).toBe(2);
    expect(Array.from(graph.outWeightSum)).toEqual([4, 0, 0]);
  });

  it('treats an edge without a weight as weight 1 on a weighted graph', () => {
    const graph = buildGraph(edges(['a', 'b'], ['a', 'c', 3]), { weighted: true });
    const a = 1 / (3 + ALPHA);
    expectScores(scoresOf(graph), { a, b: a * (1 + 0.25 * ALPHA), c: a * (1 + 0.75 * ALPHA) });
  });

  it('treats a node whose out-edges all weigh 0 as dangling, as networkx does', () => {
    // a -> b weighs 0, b -> a: a is dangling, so a = (1 + α)/(2 + α), b = 1/(2 + α).
    const graph = buildGraph(edges(['a', 'b', 0], ['b', 'a', 1]), { weighted: true });
    expectScores(scoresOf(graph), { a: (1 + ALPHA) / (2 + ALPHA), b: 1 / (2 + ALPHA) });
  });

  it('gives an isolated node only its teleport share and the dangling mass it keeps', () => {
    // a <-> b plus isolated z (dangling): z = (1 - α)/(3 - α), a = b = (1 - z)/2.
    const graph = buildGraph(edges(['a', 'b'], ['b', 'a']), { weighted: false, nodes: ['z'] });
    const z = (1 - ALPHA) / (3 - ALPHA);
    expectScores(scoresOf(graph), { a: (1 - z) / 2, b: (1 - z) / 2, z });
  });

  it('returns scores that sum to 1 with the default tolerance', () => {
    const graph = buildGraph(edges(['a', 'b'], ['b', 'c'], ['c', 'a'], ['c', 'd'], ['e', 'd']), {
      weighted: false,
    });
    const { scores, iterations } = pagerank(graph);
    expect(scores.reduce((sum, s) => sum + s, 0)).toBeCloseTo(1, 12);
    expect(iterations).toBeGreaterThan(1);
  });

  it('returns no scores for an empty graph', () => {
    const result = pagerank(buildGraph([], { weighted: false }));
    expect(result.names).toEqual([]);
    expect(result.scores.length).toBe(0);
  });

  it('throws a convergence error when max_iter is reached first', () => {
    const graph = buildGraph(edges(['a', 'b'], ['a', 'c']), { weighted: false });
    expect(() => pagerank(graph, { tol: 1e-15, maxIter: 2 })).toThrow(PageRankConvergenceError);
  });

  it('rejects an alpha outside 0..1 naming the option', () => {
    const graph = buildGraph(edges(['a', 'b']), { weighted: false });
    expect(() => pagerank(graph, { alpha: 1.5 })).toThrow(/alpha: must be between 0 and 1/);
  });
});
