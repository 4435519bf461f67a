import { invalid } from '../errors.js';
import type { DiGraph } from './graph/digraph.js';

export { buildGraph, GraphBuilder } from './graph/digraph.js';
export type { BuildGraphOptions, DiGraph, Edge } from './graph/digraph.js';

/**
 * One default for the pipeline, the CLI and the exports. The iteration stops when the L1 change of
 * the whole score vector falls below `tol`, a bound that does not grow with the graph: the scores
 * are then within `tol * alpha / (1 - alpha)` (5.7e-10 at alpha 0.85) of the fixed point in L1,
 * so every score is within that of the converged one, on 10 nodes as on 10 million. networkx's
 * `n * tol` stopped a 116,000-node graph after 5 iterations with its leaders swapped. The change
 * shrinks by at least `alpha` per iteration, so 1e-10 takes at most ~150 iterations at 0.85;
 * `maxIter` is only a guard for alpha close to 1.
 */
export const PAGERANK_DEFAULTS = Object.freeze({ alpha: 0.85, tol: 1e-10, maxIter: 1000 });

export interface PageRankOptions {
  /** Damping factor: the probability of following an edge rather than jumping anywhere. */
  alpha?: number;
  /** Stop when the L1 change of the whole score vector falls below `tol` (not `n * tol`). */
  tol?: number;
  maxIter?: number;
}

/** Scores aligned with `graph.names`; they sum to 1 (up to rounding). */
export interface PageRankResult {
  names: readonly string[];
  scores: Float64Array;
  iterations: number;
}

/** The power iteration did not reach the tolerance (networkx's PowerIterationFailedConvergence). */
export class PageRankConvergenceError extends Error {
  readonly code = 'pagerank_not_converged';
  constructor(readonly maxIter: number) {
    super(`pagerank: power iteration failed to converge within ${maxIter} iterations`);
    this.name = 'PageRankConvergenceError';
  }
}

/**
 * PageRank exactly as networkx 2.8–3.x `pagerank(G, alpha, tol=…, max_iter=…)` computes it with no
 * personalization: power iteration on the row-normalised (weighted) adjacency matrix from the
 * uniform vector, the mass of dangling nodes (out-weight 0) spread uniformly. It stops when the
 * L1 change is below `tol` itself, where networkx stops at `n * tol` (networkx's `tol=t` is
 * `tol: n * t` here). Each iteration is one pull over the in-edges.
 */
export function pagerank(graph: DiGraph, options: PageRankOptions = {}): PageRankResult {
  const { alpha, tol, maxIter } = checkedOptions(options);
  const n = graph.names.length;
  if (n === 0) return { names: graph.names, scores: new Float64Array(0), iterations: 0 };

  const { inStart, inSource, outWeightSum } = graph;
  const edgeFactor = sourceFactors(graph);
  const dangling = danglingNodes(outWeightSum);
  const p = 1.0 / n;
  const teleport = (1 - alpha) * p;
  let x = new Float64Array(n).fill(p);
  let next = new Float64Array(n);
  // Unweighted: y[u] = x[u] / outdeg(u), so the pull adds y without a multiply per edge.
  const y = new Float64Array(n);

  for (let iteration = 1; iteration <= maxIter; iteration++) {
    let danglingSum = 0;
    for (let k = 0; k < dangling.length; k++) danglingSum += x[dangling[k]!]!;
    const base = danglingSum * p;
    if (edgeFactor.perSource) {
      const inv = edgeFactor.perSource;
      for (let u = 0; u < n; u++) y[u] = x[u]! * inv[u]!;
    }
    const ys = edgeFactor.perSource ? y : x;
    const w = edgeFactor.perEdge;
    let err = 0;
    for (let v = 0; v < n; v++) {
      let sum = 0;
      const end = inStart[v + 1]!;
      if (w) for (let k = inStart[v]!; k < end; k++) sum += ys[inSource[k]!]! * w[k]!;
      else for (let k = inStart[v]!; k < end; k++) sum += ys[inSource[k]!]!;
      // Same operation order as networkx: alpha * (x @ A + dangling * p) + (1 - alpha) * p.
      const value = alpha * (sum + base) + teleport;
      next[v] = value;
      err += Math.abs(value - x[v]!);
    }
    [x, next] = [next, x];
    if (err < tol) return { names: graph.names, scores: x, iterations: iteration };
  }
  throw new PageRankConvergenceError(maxIter);
}

function checkedOptions(options: PageRankOptions): Required<PageRankOptions> {
  const { alpha, tol, maxIter } = { ...PAGERANK_DEFAULTS, ...options };
  if (!(alpha >= 0 && alpha <= 1)) throw invalid('alpha', `must be between 0 and 1, got ${alpha}`);
  if (!(tol > 0 && tol < Infinity)) throw invalid('tol', `must be a positive number, got ${tol}`);
  if (!Number.isInteger(maxIter) || maxIter < 1) {
    throw invalid('maxIter', `must be a positive integer, got ${maxIter}`);
  }
  return { alpha, tol, maxIter };
}

/**
 * networkx scales row u of the adjacency matrix by 1 / outWeight(u). Unweighted, every entry is
 * that factor (applied once per source); weighted, each edge's entry is weight * factor.
 */
function sourceFactors(graph: DiGraph): {
  perSource: Float64Array | null;
  perEdge: Float64Array | null;
} {
  const inverse = graph.outWeightSum.map((s) => (s === 0 ? 0 : 1.0 / s));
  if (!graph.inWeight) return { perSource: inverse, perEdge: null };
  const perEdge = new Float64Array(graph.inWeight.length);
  const { inStart, inSource, inWeight } = graph;
  for (let v = 0; v + 1 < inStart.length; v++) {
    for (let k = inStart[v]!; k < inStart[v + 1]!; k++) {
      perEdge[k] = inWeight[k]! * inverse[inSource[k]!]!;
    }
  }
  return { perSource: null, perEdge };
}

function danglingNodes(outWeightSum: Float64Array): Int32Array {
  const ids: number[] = [];
  outWeightSum.forEach((s, u) => {
    if (s === 0) ids.push(u);
  });
  return Int32Array.from(ids);
}
