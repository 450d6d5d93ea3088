"""Network analysis of a view graph with networkx: who is central, who clusters with whom,
who links zones, and which zones cooperate how often.

The functions follow networkx's own shape — graph first, a plain dict keyed by node back,
degenerate graphs (no nodes, one node, no edges) handled first — so their results can be
printed as a table (``zonegraph analyze``) or turned into node sizes and colours in a view.
Edge weights are the number of distinct articles supporting a pair: a link reported by
three outlets counts more than one sentence repeated in one article.
"""
from __future__ import annotations

import csv
import io
import json

import networkx as nx

from .viewgraph import SYMMETRIC, ViewGraph, article_count

#: Above this many nodes betweenness is estimated from a sample of source nodes (exact
#: betweenness is O(nm): minutes at 20,000 nodes, seconds for the sample).
EXACT_BETWEENNESS_LIMIT = 2000
BETWEENNESS_SAMPLES = 300
METRICS = ("degree", "betweenness", "articles")


def to_networkx(view: ViewGraph) -> nx.Graph:
    """An undirected ``nx.Graph`` of ``view``: node attributes ``label`` and ``type``; edge
    attributes ``weight`` (distinct supporting articles, at least 1), ``evidence`` (number
    of sentences) and ``relations`` (sorted relation names between the pair)."""
    G = nx.Graph()
    G.add_nodes_from((iri, {"label": n.label, "type": n.type}) for iri, n in view.nodes.items())
    pairs: dict[tuple[str, str], dict] = {}
    for (s, p, o), evidence in view.edges.items():
        if s == o or s not in view.nodes or o not in view.nodes:
            continue
        d = pairs.setdefault((min(s, o), max(s, o)), {"articles": set(), "evidence": 0,
                                                      "relations": set()})
        d["articles"].update(e.article for e in evidence)
        d["evidence"] += len(evidence)
        d["relations"].add(p)
    G.add_edges_from((a, b, {"weight": max(1, len(d["articles"])), "evidence": d["evidence"],
                             "relations": tuple(sorted(d["relations"]))})
                     for (a, b), d in pairs.items())
    return G


def degree_centrality(G: nx.Graph) -> dict:
    """Share of the other nodes each node is linked to.

    Parameters
    ----------
    G : networkx.Graph

    Returns
    -------
    dict
        Node → degree / (n - 1); 0.0 for the only node of a one-node graph.

    Examples
    --------
    >>> degree_centrality(nx.path_graph(3))
    {0: 0.5, 1: 1.0, 2: 0.5}
    """
    if len(G) <= 1:
        return {n: 0.0 for n in G}
    scale = 1.0 / (len(G) - 1)
    return {n: d * scale for n, d in G.degree()}


def betweenness(G: nx.Graph, *, seed: int = 0) -> dict:
    """Normalized betweenness centrality: how often a node lies on shortest paths.

    Unweighted on purpose: article counts measure how well a link is attested, not a
    distance. Above ``EXACT_BETWEENNESS_LIMIT`` nodes it is estimated from
    ``BETWEENNESS_SAMPLES`` source nodes drawn with ``seed`` (same graph, same figures).

    Parameters
    ----------
    G : networkx.Graph
    seed : int
        Seed of the source sample for large graphs.

    Returns
    -------
    dict
        Node → betweenness in [0, 1].

    Examples
    --------
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    if len(G) <= 2 or G.number_of_edges() == 0:
        return {n: 0.0 for n in G}
    k = BETWEENNESS_SAMPLES if len(G) > EXACT_BETWEENNESS_LIMIT else None
    return nx.betweenness_centrality(G, k=k, seed=seed if k else None, normalized=True)


def communities(G: nx.Graph, *, weight: str = "weight", seed: int = 0) -> dict:
    """Louvain communities, numbered from 0 by decreasing size (ties by smallest node).

    Parameters
    ----------
    G : networkx.Graph
    weight : str
        Edge attribute used as weight (article counts by default).
    seed : int
        Louvain visits nodes in random order; the seed makes runs repeatable.

    Returns
    -------
    dict
        Node → community number; an isolated node is a community of its own.

    Examples
    --------
    >>> communities(nx.Graph([(1, 2), (3, 4)]))
    {1: 0, 2: 0, 3: 1, 4: 1}
    """
    if len(G) == 0:
        return {}
    if G.number_of_edges() == 0:
        return {n: i for i, n in enumerate(sorted(G, key=str))}
    found = nx.community.louvain_communities(G, weight=weight, seed=seed)
    ordered = sorted(found, key=lambda c: (-len(c), min(map(str, c))))
    return {n: i for i, c in enumerate(ordered) for n in sorted(c, key=str)}


def bridging_entities(G: nx.Graph, zones, *, radius: int = 2) -> dict:
    """Entities that link two or more zones, with the zones they link.

    A non-zone node bridges the zones it reaches within ``radius`` links without passing
    through another zone: 成渝智能网联汽车研究院, which signed with both zones' 管委会,
    bridges 两江新区 and 天府新区 at radius 2.

    Parameters
    ----------
    G : networkx.Graph
    zones : iterable
        The zone nodes.
    radius : int
        How many links away a zone may be.

    Returns
    -------
    dict
        Node → sorted list of the zones it reaches, for nodes that reach at least two.

    Examples
    --------
    >>> bridging_entities(nx.Graph([("A", "x"), ("x", "B"), ("y", "A")]), {"A", "B"})
    {'x': ['A', 'B']}
    """
    zones = set(zones) & set(G)
    if len(zones) < 2:
        return {}
    out = {}
    for node in G:
        if node in zones:
            continue
        reached, frontier, seen = set(), {node}, {node}
        for _ in range(radius):
            nxt = set()
            for u in frontier:
                for v in G[u]:
                    if v in seen:
                        continue
                    seen.add(v)
                    if v in zones:
                        reached.add(v)  # a zone ends the walk: its own links are its own
                    else:
                        nxt.add(v)
            frontier = nxt
        if len(reached) >= 2:
            out[node] = sorted(reached)
    return out


def articles_per_node(view: ViewGraph) -> dict:
    """Node → number of distinct articles that mention it or support one of its links."""
    out = {iri: set(n.articles) for iri, n in view.nodes.items()}
    for (s, _, o), evidence in view.edges.items():
        for end in (s, o):
            if end in out:
                out[end].update(e.article for e in evidence)
    return {k: len(v) for k, v in out.items()}


def node_metric(view: ViewGraph, metric: str, G: nx.Graph | None = None) -> dict:
    """``degree`` (number of neighbours), ``betweenness`` or ``articles`` for every node."""
    if metric == "articles":
        return articles_per_node(view)
    G = to_networkx(view) if G is None else G
    if metric == "degree":
        return dict(G.degree())
    if metric == "betweenness":
        return betweenness(G)
    raise ValueError(f"unknown metric {metric!r}; expected one of {', '.join(METRICS)}")


# --------------------------------------------------------------------------- tables

def node_rows(view: ViewGraph) -> list[dict]:
    """One row per entity: degree, centralities, community and zones it bridges, sorted by
    betweenness, then degree, then name."""
    G = to_networkx(view)
    degree = degree_centrality(G)
    between = betweenness(G)
    community = communities(G)
    zones = [i for i, n in view.nodes.items() if n.type == "Zone"]
    bridges = bridging_entities(G, zones)
    articles = articles_per_node(view)
    rows = [{"name": n.label, "type": n.type, "degree": G.degree(iri),
             "weighted_degree": G.degree(iri, weight="weight"),
             "degree_centrality": round(degree[iri], 4),
             "betweenness": round(between[iri], 4), "community": community[iri],
             "articles": articles[iri],
             "bridges": " / ".join(view.nodes[z].label for z in bridges.get(iri, [])),
             "iri": iri} for iri, n in view.nodes.items()]
    rows.sort(key=lambda r: (-r["betweenness"], -r["degree"], r["name"]))
    return rows


def edge_rows(view: ViewGraph) -> list[dict]:
    """One row per relation: the two names, the relation, supporting articles and
    sentences, and whether every sentence only states a plan; most-attested first."""
    rows = []
    for (s, p, o), evidence in view.edges.items():
        if s not in view.nodes or o not in view.nodes:
            continue
        rows.append({"source": view.nodes[s].label, "relation": p, "target": view.nodes[o].label,
                     "articles": article_count(evidence), "sentences": len(evidence),
                     "planned_only": bool(evidence) and all(e.planned for e in evidence),
                     "directed": p != SYMMETRIC})
    rows.sort(key=lambda r: (-r["articles"], -r["sentences"], r["source"], r["target"]))
    return rows


def format_rows(rows: list[dict], fmt: str) -> str:
    """Rows as ``csv`` (header first) or ``json`` (a list of objects)."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt != "csv":
        raise ValueError(f"unknown format {fmt!r}")
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return buf.getvalue()
