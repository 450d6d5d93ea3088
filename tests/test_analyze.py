"""Network analysis (``zonegraph.views.analyze``) and the ``zonegraph analyze`` command.

Exact figures come from small hand-made graphs; on the sample corpus (invented texts,
data/samples/README.md) the tests check relations the corpus plants, not counts that move
whenever extraction improves.
"""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

from zonegraph.views import analyze
from zonegraph.views.analyze import (betweenness, bridging_entities, communities, degree_centrality,
                               edge_rows, format_rows, node_rows, to_networkx)
from zonegraph.views.viewgraph import Article, Entity, Evidence, ViewGraph, cooperation, edge_key


def make_view(nodes: dict[str, str], edges: list[tuple[str, str, str, list[str]]]) -> ViewGraph:
    """A view graph: ``nodes`` name → type; ``edges`` (s, relation, o, [article ids])."""
    view = ViewGraph()
    for name, etype in nodes.items():
        view.nodes[name] = Entity(name, name, (etype,))
        view.labels[name] = name
    for s, p, o, arts in edges:
        for a in arts:
            view.articles.setdefault(a, Article(a, f"title {a}", "src", "2024-01-01"))
        view.edges[edge_key(s, p, o)] = [Evidence(s, p, o, f"{s}-{o} in {a}", a, 0.8)
                                         for a in arts]
    return view


# ------------------------------------------------------------------ to_networkx

def test_edge_weight_counts_distinct_articles_over_all_relations_of_a_pair():
    view = make_view({"A": "Zone", "B": "Enterprise", "C": "Place"},
                     [("A", "cooperatesWith", "B", ["a1", "a2", "a2"]),
                      ("B", "locatedIn", "A", ["a2", "a3"]),
                      ("B", "locatedIn", "C", [])])
    G = to_networkx(view)
    assert G.number_of_nodes() == 3 and G.number_of_edges() == 2
    assert G["A"]["B"] == {"weight": 3, "evidence": 5,
                           "relations": ("cooperatesWith", "locatedIn")}
    assert G["B"]["C"]["weight"] == 1  # a relation without evidence still weighs 1
    assert G.nodes["A"] == {"label": "A", "type": "Zone"}


# ------------------------------------------------------------------ centrality

@pytest.mark.parametrize("func", [degree_centrality, betweenness])
def test_centrality_of_degenerate_graphs(func):
    assert func(nx.Graph()) == {}
    assert func(nx.empty_graph(1)) == {0: 0.0}
    assert func(nx.empty_graph(3)) == {0: 0.0, 1: 0.0, 2: 0.0}


def test_degree_centrality_is_the_share_of_other_nodes():
    assert degree_centrality(nx.star_graph(4)) == {0: 1.0, 1: 0.25, 2: 0.25, 3: 0.25, 4: 0.25}


def test_betweenness_of_a_path_and_a_star():
    assert betweenness(nx.path_graph(3)) == {0: 0.0, 1: 1.0, 2: 0.0}
    assert betweenness(nx.star_graph(3))[0] == 1.0


def test_betweenness_of_a_large_graph_is_sampled_and_repeatable(monkeypatch):
    monkeypatch.setattr(analyze, "EXACT_BETWEENNESS_LIMIT", 100)
    G = nx.barabasi_albert_graph(400, 2, seed=3)
    first, second = betweenness(G), betweenness(G)
    assert first == second
    hub = max(G.degree, key=lambda d: d[1])[0]
    assert max(first, key=first.get) == hub


# ------------------------------------------------------------------ communities

def test_communities_of_degenerate_graphs():
    assert communities(nx.Graph()) == {}
    assert communities(nx.empty_graph(["b", "a"])) == {"a": 0, "b": 1}


def test_two_cliques_joined_by_one_link_are_two_communities_numbered_by_size():
    G = nx.complete_graph(["a1", "a2", "a3", "a4"])
    G.add_edges_from(nx.complete_graph(["b1", "b2", "b3"]).edges)
    G.add_edge("a1", "b1")
    found = communities(G)
    assert {n for n, c in found.items() if c == 0} == {"a1", "a2", "a3", "a4"}
    assert {n for n, c in found.items() if c == 1} == {"b1", "b2", "b3"}
    assert communities(G) == found


# ------------------------------------------------------------------ bridging

def test_bridging_entities_reach_two_zones_within_the_radius():
    G = nx.Graph([("Z1", "organ1"), ("organ1", "lab"), ("lab", "organ2"), ("organ2", "Z2"),
                  ("firm", "Z1"), ("firm", "Z2"), ("Z2", "Z3"), ("shop", "Z3")])
    zones = {"Z1", "Z2", "Z3"}
    assert bridging_entities(G, zones) == {"lab": ["Z1", "Z2"], "firm": ["Z1", "Z2"]}
    # a zone ends the walk: shop reaches Z2 only through Z3
    assert "shop" not in bridging_entities(G, zones, radius=3)
    assert bridging_entities(G, zones, radius=1) == {"firm": ["Z1", "Z2"]}


def test_bridging_needs_two_zones():
    assert bridging_entities(nx.Graph(), []) == {}
    assert bridging_entities(nx.path_graph(3), {0}) == {}


# ------------------------------------------------------------------ tables on the sample

def _row(rows, name):
    return next(r for r in rows if r["name"] == name)


def test_node_rows_on_the_sample(sample_view):
    rows = node_rows(sample_view)
    assert len(rows) == len(sample_view.nodes)
    assert [r["betweenness"] for r in rows] == sorted((r["betweenness"] for r in rows), reverse=True)
    liangjiang = _row(rows, "重庆两江新区")
    assert liangjiang["type"] == "Zone" and liangjiang["degree"] >= 3
    assert liangjiang["articles"] >= 2
    # the three-party agreement: the institute signed with both zones' 管委会
    institute = _row(rows, "成渝智能网联汽车研究院")
    assert institute["bridges"] == "重庆两江新区 / 四川天府新区"
    assert set(rows[0]) == {"name", "type", "degree", "weighted_degree", "degree_centrality",
                            "betweenness", "community", "articles", "bridges", "iri"}


def test_zone_cooperation_as_a_weighted_graph(sample_view):
    coop = cooperation(sample_view)
    rows = edge_rows(coop)
    assert {r["relation"] for r in rows} == {"cooperatesWith"}
    pair = next(r for r in rows if {r["source"], r["target"]} == {"重庆两江新区", "四川天府新区"})
    assert pair["articles"] >= 2 and pair["sentences"] >= pair["articles"]
    G = to_networkx(coop)
    a = next(n for n, d in G.nodes(data=True) if d["label"] == "重庆两江新区")
    b = next(n for n, d in G.nodes(data=True) if d["label"] == "四川天府新区")
    assert G[a][b]["weight"] == pair["articles"]
    assert [r["articles"] for r in rows] == sorted((r["articles"] for r in rows), reverse=True)


def test_format_rows_csv_and_json():
    rows = [{"name": "两江新区", "degree": 3, "bridges": "a / b"}, {"name": "x,y", "degree": 1,
                                                                   "bridges": ""}]
    assert json.loads(format_rows(rows, "json")) == rows
    parsed = list(csv.DictReader(io.StringIO(format_rows(rows, "csv"))))
    assert parsed[1] == {"name": "x,y", "degree": "1", "bridges": ""}
    assert format_rows([], "csv") == ""


# ------------------------------------------------------------------ the command

def test_analyze_table(sample_store, run_cli):
    result = run_cli("analyze", "--store", sample_store.store, "--top", 5)
    assert result.exit_code == 0, result.output
    assert "betweenness" in result.stdout and "bridges" in result.stdout
    assert "5 row(s) of " in result.stdout


def test_analyze_csv_sorted_by_degree(sample_store, run_cli):
    result = run_cli("analyze", "--store", sample_store.store, "--format", "csv",
                     "--sort-by", "degree")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    degrees = [int(r["degree"]) for r in rows]
    assert degrees == sorted(degrees, reverse=True) and len(rows) > 50


def test_analyze_cooperation_edges_json(sample_store, run_cli):
    result = run_cli("analyze", "--store", sample_store.store, "--cooperation", "--edges",
                     "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(r["relation"] == "cooperatesWith" for r in rows)
    assert any({r["source"], r["target"]} == {"上海浦东新区", "河北雄安新区"} for r in rows)


def test_analyze_zones_only_has_only_zones(sample_store, run_cli):
    result = run_cli("analyze", "--store", sample_store.store, "--zones-only", "--format", "json")
    assert {r["type"] for r in json.loads(result.stdout)} == {"Zone"}


@pytest.mark.parametrize("args, message", [
    (["--focus", "不存在的机构"], "error: 不存在的机构: no entity of that name"),
    (["--types", "Zone,Factory"], "error: Factory: unknown entity type"),
    (["--since", "2024-02-30"], "error: 2024-02-30: not a date"),
    (["--since", "2025", "--until", "2024"], "error: --since 2025 is after --until 2024"),
])
def test_analyze_errors_are_one_line(sample_store, run_cli, args, message):
    result = run_cli("analyze", "--store", sample_store.store, *args)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(message), lines


def test_docstring_examples_run():
    import doctest

    from zonegraph.views import layout

    for module in (analyze, layout):
        assert doctest.testmod(module).failed == 0, module.__name__
