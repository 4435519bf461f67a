#!/usr/bin/python3
"""igraph's PageRank on an edge list, for bench/pagerank.ts.

Usage: /usr/bin/python3 bench/pagerank_igraph.py EDGES [--top N] [--repeat R] [--networkx [--tol T]]

Reads "source target" lines (# comments), builds the simple directed graph of the listed pairs
(a repeated pair counts once, as `ecoute graph pagerank` without --weighted does), and times
only `Graph.pagerank` (file parsing and graph building excluded). Prints one JSON object:
{"nodes", "edges", "igraph_s" (median of R runs), "top": {name: score} for igraph's N best,
 "networkx": {name: score} for the same names when --networkx is given, computed by
 networkx.pagerank(G, alpha=0.85, tol=T), T 1e-6 by default}.
Exits 3 when igraph is not installed.
"""
import json
import statistics
import sys
import time

try:
    import igraph
except ImportError:
    sys.stderr.write(
        "python-igraph is not installed. On Debian/Ubuntu: apt-get install -y python3-igraph "
        "(then run this script with /usr/bin/python3).\n"
    )
    sys.exit(3)


def read_pairs(path):
    pairs = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.split("#", 1)[0].split()
            if len(fields) >= 2:
                pairs.add((fields[0], fields[1]))
    return pairs


def main(argv):
    path = argv[1]
    top = int(argv[argv.index("--top") + 1]) if "--top" in argv else 1000
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    pairs = read_pairs(path)
    g = igraph.Graph.TupleList(pairs, directed=True)
    names = g.vs["name"]

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        scores = g.pagerank(directed=True, damping=0.85)
        times.append(time.perf_counter() - start)

    best = sorted(range(len(names)), key=lambda i: (-scores[i], names[i]))[:top]
    result = {
        "nodes": g.vcount(),
        "edges": g.ecount(),
        "igraph_s": statistics.median(times),
        "igraph_runs_s": times,
        "top": {names[i]: scores[i] for i in best},
    }
    if "--networkx" in argv:
        tol = float(argv[argv.index("--tol") + 1]) if "--tol" in argv else 1e-6
        result["networkx"] = networkx_scores(pairs, [names[i] for i in best], tol)
    json.dump(result, sys.stdout)


def networkx_scores(pairs, wanted, tol):
    import networkx as nx

    G = nx.DiGraph()
    G.add_edges_from(pairs)
    pr = nx.pagerank(G, alpha=0.85, tol=tol)
    return {name: pr[name] for name in wanted}


if __name__ == "__main__":
    main(sys.argv)
