import { invalid } from '../../errors.js';
import { toInEdgeCsr } from './csr.js';

/** One directed edge `source → target`; `weight` defaults to 1 and is read only by weighted graphs. */
export interface Edge {
  source: string;
  target: string;
  weight?: number;
}

export interface BuildGraphOptions {
  /**
   * false: the simple directed graph of the listed pairs (a repeated pair counts once).
   * true: repeated pairs add their weights into one edge.
   */
  weighted: boolean;
  /** Nodes to include even without edges (isolated nodes still receive PageRank). */
  nodes?: Iterable<string>;
}

/**
 * A compact directed graph, stored as its in-edges in compressed sparse row form: the sources of
 * the edges into node `v` are `inSource[inStart[v] .. inStart[v + 1])`. Node ids are 0..n-1 in
 * first-seen order; `names[id]` is the node's name. Self-loops are kept as ordinary edges.
 */
export interface DiGraph {
  readonly names: readonly string[];
  readonly weighted: boolean;
  /** Number of distinct (source, target) pairs. */
  readonly edgeCount: number;
  readonly inStart: Int32Array;
  readonly inSource: Int32Array;
  /** Summed weight of each distinct pair, aligned with `inSource`; null when unweighted (all 1). */
  readonly inWeight: Float64Array | null;
  /** Distinct in- and out-neighbours (networkx `in_degree()` / `out_degree()`). */
  readonly inDegree: Int32Array;
  readonly outDegree: Int32Array;
  /** Summed weights (networkx `in_degree(weight='weight')`); equal to the counts when unweighted. */
  readonly inWeightSum: Float64Array;
  readonly outWeightSum: Float64Array;
}

const INITIAL_CAPACITY = 1024;

/**
 * Interns node names once and collects edges into growable typed arrays, so that a million-edge
 * list costs three flat arrays rather than a million objects.
 */
export class GraphBuilder {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private sources = new Int32Array(INITIAL_CAPACITY);
  private targets = new Int32Array(INITIAL_CAPACITY);
  private weights: Float64Array | null;
  private count = 0;

  constructor(readonly weighted: boolean) {
    this.weights = weighted ? new Float64Array(INITIAL_CAPACITY) : null;
  }

  get edgesAdded(): number {
    return this.count;
  }

  addNode(name: string): number {
    const known = this.ids.get(name);
    if (known !== undefined) return known;
    const id = this.names.length;
    this.ids.set(name, id);
    this.names.push(name);
    return id;
  }

  addEdge(source: string, target: string, weight = 1): void {
    if (this.weights && !(weight >= 0 && weight < Infinity)) {
      throw invalid(
        'weight',
        `must be a finite number >= 0, got ${weight} (${source} -> ${target})`,
      );
    }
    if (this.count === this.sources.length) this.grow();
    const i = this.count++;
    this.sources[i] = this.addNode(source);
    this.targets[i] = this.addNode(target);
    if (this.weights) this.weights[i] = weight;
  }

  build(): DiGraph {
    const n = this.names.length;
    const csr = toInEdgeCsr(
      n,
      this.sources.subarray(0, this.count),
      this.targets.subarray(0, this.count),
      this.weights ? this.weights.subarray(0, this.count) : null,
    );
    return { names: this.names, weighted: this.weighted, ...csr };
  }

  private grow(): void {
    const size = this.sources.length * 2;
    this.sources = copyInto(new Int32Array(size), this.sources);
    this.targets = copyInto(new Int32Array(size), this.targets);
    if (this.weights) this.weights = copyInto(new Float64Array(size), this.weights);
  }
}

function copyInto<T extends Int32Array | Float64Array>(to: T, from: T): T {
  to.set(from);
  return to;
}

/** Builds a {@link DiGraph} from edges; see {@link BuildGraphOptions} for repeated pairs. */
export function buildGraph(edges: Iterable<Edge>, options: BuildGraphOptions): DiGraph {
  const builder = new GraphBuilder(options.weighted);
  for (const edge of edges) builder.addEdge(edge.source, edge.target, edge.weight);
  for (const name of options.nodes ?? []) builder.addNode(name);
  return builder.build();
}
