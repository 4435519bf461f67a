import { GraphBuilder, type DiGraph } from './pagerank.js';
import {
  INTERACTION_KINDS,
  type InfluenceSettings,
  type InteractionKind,
} from './influence-settings.js';

/** How many times, in the window, `source` replied to, mentioned, quoted or reposted `target`. */
export interface InteractionRow {
  source: string;
  target: string;
  kind: InteractionKind;
  count: number;
}

export type KindCounts = Record<InteractionKind, number>;

/** One author → author edge: its weight and the interactions it sums. */
export interface InteractionEdge {
  source: string;
  target: string;
  weight: number;
  counts: KindCounts;
}

export interface InteractionGraph {
  /** Weighted directed graph for PageRank; node names are author ids. */
  graph: DiGraph;
  edges: InteractionEdge[];
  dropped: { selfLoops: number; fromBots: number };
}

export const emptyCounts = (): KindCounts => ({ reply: 0, mention: 0, quote: 0, repost: 0 });

/**
 * Author → author interaction graph. Each interaction adds its kind's weight to the edge (so an
 * edge weighs Σ kind weight × count). Two kinds of interaction are left out on purpose:
 * - self-loops (answering oneself down a thread): threading, not influence; in PageRank they
 *   would also let an author keep their own score;
 * - anything a bot-like account does: a bot's attention is no endorsement. Bots stay as nodes,
 *   so they can still be replied to and ranked, but they pass on no score.
 * Every author in `nodes` is in the graph even without edges (isolated authors still get the
 * teleport share of PageRank, as networkx gives them).
 */
export function buildInteractionGraph(
  rows: Iterable<InteractionRow>,
  opts: { settings: InfluenceSettings; bots?: ReadonlySet<string>; nodes?: Iterable<string> },
): InteractionGraph {
  const weights = opts.settings.edgeWeights;
  const bots = opts.bots ?? new Set<string>();
  const byPair = new Map<string, InteractionEdge>();
  const dropped = { selfLoops: 0, fromBots: 0 };
  for (const row of rows) {
    if (row.source === row.target) {
      dropped.selfLoops += row.count;
      continue;
    }
    if (bots.has(row.source)) {
      dropped.fromBots += row.count;
      continue;
    }
    const key = `${row.source}\u0000${row.target}`;
    let edge = byPair.get(key);
    if (!edge) {
      edge = { source: row.source, target: row.target, weight: 0, counts: emptyCounts() };
      byPair.set(key, edge);
    }
    edge.counts[row.kind] += row.count;
    edge.weight += weights[row.kind] * row.count;
  }

  const builder = new GraphBuilder(true);
  for (const name of opts.nodes ?? []) builder.addNode(name);
  const edges: InteractionEdge[] = [];
  for (const edge of byPair.values()) {
    // A kind weighted 0 leaves no edge: it must not count towards degrees either.
    if (edge.weight <= 0) continue;
    builder.addEdge(edge.source, edge.target, edge.weight);
    edges.push(edge);
  }
  return { graph: builder.build(), edges, dropped };
}

/** Total interactions of an edge, all kinds together. */
export function totalInteractions(counts: KindCounts): number {
  return INTERACTION_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
}
