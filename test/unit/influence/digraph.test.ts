import { describe, expect, it } from 'vitest';
import { buildGraph, GraphBuilder } from '../../../core/influence/pagerank.js';
import { rankByScore } from '../../../core/influence/graph/ranking.js';

function inEdges(graph: ReturnType<typeof buildGraph>, target: string): string[] {
  const v = graph.names.indexOf(target);
  return Array.from(graph.inSource.subarray(graph.inStart[v], graph.inStart[v + 1])).map(
    (u) => graph.names[u]!,
  );
}

describe('buildGraph', () => {
  it('interns node names in first-seen order and groups in-edges by target', () => {
    const graph = buildGraph(
      [
        { source: 'c', target: 'a' },
        { source: 'b', target: 'a' },
        { source: 'a', target: 'b' },
      ],
      { weighted: false },
    );
    expect(graph.names).toEqual(['c', 'a', 'b']);
    expect(inEdges(graph, 'a')).toEqual(['c', 'b']);
    expect(inEdges(graph, 'b')).toEqual(['a']);
    expect(inEdges(graph, 'c')).toEqual([]);
  });

  it('reports distinct and weighted in- and out-degrees like networkx', () => {
    const graph = buildGraph(
      [
        { source: 'x', target: 'y', weight: 2 },
        { source: 'x', target: 'y', weight: 0.5 },
        { source: 'x', target: 'z', weight: 1 },
        { source: 'z', target: 'z', weight: 4 },
      ],
      { weighted: true },
    );
    expect(Array.from(graph.outDegree)).toEqual([2, 0, 1]);
    expect(Array.from(graph.inDegree)).toEqual([0, 1, 2]);
    expect(Array.from(graph.outWeightSum)).toEqual([3.5, 0, 4]);
    expect(Array.from(graph.inWeightSum)).toEqual([0, 2.5, 5]);
    expect(Array.from(graph.inWeight!)).toEqual([2.5, 1, 4]);
  });

  it('rejects a negative weight on a weighted graph naming the edge', () => {
    const builder = new GraphBuilder(true);
    expect(() => builder.addEdge('a', 'b', -1)).toThrow(/weight: must be a finite number >= 0/);
  });

  it('keeps every edge when the builder grows past its initial capacity', () => {
    const builder = new GraphBuilder(false);
    for (let i = 0; i < 5000; i++) builder.addEdge(`n${i}`, `n${(i + 1) % 5000}`);
    const graph = builder.build();
    expect(graph.edgeCount).toBe(5000);
    expect(inEdges(graph, 'n0')).toEqual(['n4999']);
  });
});

describe('rankByScore', () => {
  it('orders by score descending and equal scores by name', () => {
    const order = rankByScore(['b', 'a', 'c', 'd'], Float64Array.from([0.2, 0.2, 0.5, 0.1]));
    expect(Array.from(order)).toEqual([2, 1, 0, 3]);
  });
});
