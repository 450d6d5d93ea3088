"""The Python API (``zonegraph.open``, ``zonegraph.build``) answers as the command line does.

Every public function runs on a store built from two invented news bulletins written for
these tests (2023 and 2024: zones that cooperate, a fund, a policy) and is compared with
the CLI's output for the same question, run with click's CliRunner on the same store.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import zonegraph
from zonegraph.errors import QueryError, StoreError, ZoneGraphError

from conftest import _share_extractor

BULLETIN_2023 = """新区合作简报
2023年6月12日

滨海新区与南沙新区签署协同发展合作协议
6月10日，天津滨海新区与广州南沙新区在天津签署协同发展合作协议，双方将在港航物流、跨境金融和科技创新等领域开展合作。滨海新区管委会主任李文涛出席签约仪式并致辞。
（来源：测试新闻网）

南沙新区印发跨境金融创新实施方案
6月11日，南沙新区管委会印发《南沙新区跨境金融创新实施方案》，提出三年内引进金融机构五十家。
（来源：测试新闻网）
"""
BULLETIN_2024 = """新区合作简报
2024年4月3日

金普新区设立海洋产业投资基金
4月2日，大连金普新区管委会发起设立金普新区海洋产业投资基金，基金规模20亿元，重点投向海洋装备和港口物流企业。
（来源：测试日报）

金普新区与舟山群岛新区签署战略合作框架协议
4月2日，金普新区与舟山群岛新区签署战略合作框架协议，共建东北亚海洋经济合作平台。滨海新区与金普新区也将在港口物流领域深化合作。
（来源：测试日报）
"""


@pytest.fixture(scope="module")
def news(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("news")
    (folder / "bulletin_2023.txt").write_text(BULLETIN_2023, encoding="utf-8")
    (folder / "bulletin_2024.txt").write_text(BULLETIN_2024, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(news, extractor, tmp_path_factory):
    """``(store, report)``: the bulletins built with ``zonegraph.build``."""
    store = tmp_path_factory.mktemp("api") / "store"
    with pytest.MonkeyPatch.context() as mp:
        _share_extractor(mp, extractor)
        report = zonegraph.build(news, store=store)
    return store, report


@pytest.fixture(scope="module")
def g(built):
    with zonegraph.open(built[0]) as handle:
        yield handle


def cli_csv(run_cli, *args) -> list[dict[str, str]]:
    result = run_cli(*args, "--format", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def cli_json(run_cli, *args):
    result = run_cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def as_text(value) -> str:
    """A DataFrame cell as the CLI's CSV writes the term: dates in ISO form, whole
    numbers without a fraction, missing values empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def frame_rows(frame: pd.DataFrame) -> list[dict[str, str]]:
    return [{c: as_text(v) for c, v in zip(frame.columns, row)}
            for row in frame.astype(object).itertuples(index=False)]


# ------------------------------------------------------------------ build

def test_build_returns_the_report_the_cli_prints(built, news, run_cli, tmp_path, read_quads):
    store, report = built
    assert report.ok and len(report.built) == 2 and report.articles >= 4
    assert report.entities["Zone"] >= 4 and report.relations["cooperatesWith"] >= 2
    result = run_cli("build", news, "--store", tmp_path / "cli-store")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:-1] == report.summary().splitlines()
    assert read_quads(tmp_path / "cli-store") == read_quads(store)


def test_build_reports_unusable_files_and_unchanged_ones(news, extractor, tmp_path, monkeypatch):
    _share_extractor(monkeypatch, extractor)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bulletin_2023.txt").write_text(BULLETIN_2023, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    report = zonegraph.build([folder], store=tmp_path / "store", out=tmp_path / "g.trig")
    assert not report.ok and [Path(p).name for p, _ in report.failed] == ["empty.txt"]
    assert (tmp_path / "g.trig").stat().st_size > 0
    again = zonegraph.build(folder / "bulletin_2023.txt", store=tmp_path / "store")
    assert again.built == [] and len(again.skipped) == 1


def test_build_refuses_a_bad_output_format_and_a_store_being_written(news, tmp_path):
    from zonegraph.store.access import WriterLock

    with pytest.raises(StoreError, match="unknown output format"):
        zonegraph.build(news, store=tmp_path / "store", out=tmp_path / "graph.xlsx")
    assert not (tmp_path / "store").exists()
    lock = WriterLock(tmp_path / "busy")
    try:
        with pytest.raises(StoreError, match=r"another zonegraph process \(pid \d+\) is writing"):
            zonegraph.build(news, store=tmp_path / "busy")
    finally:
        lock.release()
    (tmp_path / "empty").mkdir()
    with pytest.raises(ZoneGraphError, match="no input files"):
        zonegraph.build(tmp_path / "empty", store=tmp_path / "store")


# ------------------------------------------------------------------ open

def test_a_missing_store_or_a_file_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no graph store here"):
        zonegraph.open(tmp_path / "nowhere")
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(StoreError, match="is a file, not a directory"):
        zonegraph.open(tmp_path / "a-file")
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match="no graph store here"):
        zonegraph.open(tmp_path / "empty")


def test_a_store_being_built_opens_at_its_last_published_state(built, g):
    from zonegraph.store.access import WriterLock

    lock = WriterLock(built[0])  # as a running build holds it
    try:
        zones = zonegraph.open(built[0]).named("zones")
    finally:
        lock.release()
    assert set(zones["zoneName"]) == set(g.named("zones")["zoneName"])


def test_import_zonegraph_stays_cheap():
    code = ("import sys, zonegraph; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pandas', 'pyoxigraph', 'rdflib', 'networkx', 'spacy') or m == 'zonegraph.api'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    code = "import zonegraph; print(zonegraph.open.__module__, callable(zonegraph.build))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["zonegraph.api.handle", "True"]


# ------------------------------------------------------------------ SPARQL

def test_sparql_gives_the_rows_of_zonegraph_query_as_python_values(built, g, run_cli):
    query = """SELECT ?article ?title ?date (COUNT(?e) AS ?mentions) WHERE {
        ?article a zg:Article ; dcterms:title ?title ; dcterms:date ?date ;
                 schema:mentions ?e } GROUP BY ?article ?title ?date ORDER BY ?article"""
    frame = g.sparql(query)
    assert list(frame.columns) == ["article", "title", "date", "mentions"]
    assert frame_rows(frame) == cli_csv(run_cli, "query", query, "--store", built[0])
    assert {type(d) for d in frame["date"]} == {date}
    assert {d.year for d in frame["date"]} == {2023, 2024}
    assert frame["mentions"].dtype.kind == "i" and frame["mentions"].sum() > 0


def test_amounts_are_numbers(g):
    funds = g.named("funds-by-size")
    fund = funds[funds["fundName"] == "金普新区海洋产业投资基金"].iloc[0]
    assert fund["amountCNY"] == 2_000_000_000 and fund["amountYi"] == 20


def test_sparql_parameters_are_bound_safely(built, g, run_cli):
    # names are tagged literals (南沙新区@zh-hans): compared by their text
    query = "SELECT ?e WHERE { ?e rdfs:label|skos:altLabel ?label FILTER (STR(?label) = ?name) }"
    frame = g.sparql(query, {"name": "南沙新区"})
    assert list(frame["e"]) == ["https://w3id.org/zonegraph/id/zone/nansha"]
    assert frame_rows(frame) == cli_csv(run_cli, "query", query, "--param", "name=南沙新区",
                                        "--store", built[0])
    hostile = '南沙新区" } UNION { ?e ?p ?name } #'
    assert g.sparql(query, {"name": hostile}).empty
    # with a time limit the query runs in a worker process: the same answer
    assert g.sparql(query, {"name": "南沙新区"}, timeout=60).equals(frame)


def test_ask_construct_and_errors(built, g, run_cli):
    assert g.sparql("ASK { ?z a zg:Zone }") is True
    assert g.sparql("ASK { ?z a zg:Nothing }") is False
    query = "CONSTRUCT { ?z rdfs:label ?n } WHERE { ?z a zg:Zone ; rdfs:label ?n }"
    triples = g.sparql(query)
    assert list(triples.columns) == ["subject", "predicate", "object"]
    result = run_cli("query", query, "--store", built[0], "--format", "csv")
    from rdflib import Graph

    expected = {(str(s), str(p), str(o)) for s, p, o in Graph().parse(data=result.stdout,
                                                                       format="turtle")}
    assert set(map(tuple, triples.itertuples(index=False))) == expected
    with pytest.raises(QueryError, match="line 1"):
        g.sparql("SELECT ?x WHERE { ?x ?p }")


def test_named_queries_match_the_cli(built, g, run_cli):
    for name, params in (("zones", {}), ("zone-partners", {"zone": "滨海新区"}),
                         ("policies-by-issuer", {})):
        args = [a for k, v in params.items() for a in ("--param", f"{k}={v}")]
        assert frame_rows(g.named(name, **params)) == cli_csv(
            run_cli, "query", "--named", name, *args, "--store", built[0]), name
    partners = set(g.named("zone-partners", zone="天津滨海新区")["partnerName"])
    assert {"广州南沙新区", "大连金普新区"} <= partners
    with pytest.raises(QueryError, match="did you mean zone-partners"):
        g.named("zone-partner", zone="滨海新区")
    with pytest.raises(QueryError, match="no entity is called '东海新区'"):
        g.named("zone-partners", zone="东海新区")
    with pytest.raises(QueryError, match="needs --param zone"):
        g.named("zone-partners")


def test_find_ranks_as_the_cli(built, g, run_cli):
    frame = g.find("新区")
    result = run_cli("find", "新区", "--store", built[0], "--format", "tsv")
    assert result.exit_code == 0, result.output
    head, *rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert list(frame.columns) == head
    assert [list(map(str, r)) for r in frame.itertuples(index=False)] == rows
    assert frame.iloc[0]["type"] == "Zone" and frame["articles"].dtype.kind == "i"
    assert list(g.find("舟山", type="Zone")["name"]) == ["浙江舟山群岛新区"]
    assert g.find("完全不存在的名字").empty


def test_evidence_gives_sentences_articles_and_dates(built, g, run_cli):
    frame = g.evidence("天津滨海新区", "cooperatesWith", "广州南沙新区")
    assert len(frame) >= 1 and set(frame["date"]) == {date(2023, 6, 12)}
    assert frame["sentence"].str.contains("协同发展合作协议").any()
    assert set(frame["file"]) == {"bulletin_2023.txt"}
    expected = cli_csv(run_cli, "query", "--named", "relation-evidence", "--param",
                       "subject=天津滨海新区", "--param", "object=广州南沙新区", "--param",
                       "relation=cooperatesWith", "--store", built[0])
    assert frame_rows(frame) == [{k: v for k, v in row.items() if k in frame.columns}
                                 for row in expected]
    assert len(g.evidence("南沙新区", None, "滨海新区")) >= len(frame)
    assert g.evidence("滨海新区", "zg:memberOf", "南沙新区").empty
    with pytest.raises(QueryError, match="not a relation"):
        g.evidence("滨海新区", "likes", "南沙新区")


# ------------------------------------------------------------------ networks and views

def test_cooperation_is_the_network_analyze_counts(built, g, run_cli):
    for since in (None, "2024"):
        G = g.cooperation(since=since)
        assert isinstance(G, nx.Graph) and not G.is_directed()
        rows = cli_json(run_cli, "analyze", "--cooperation", "--edges", "--store", built[0],
                        *(("--since", since) if since else ()))
        assert {(frozenset((r["source"], r["target"])), r["articles"], r["sentences"])
                for r in rows} == {(frozenset((G.nodes[a]["label"], G.nodes[b]["label"])),
                                    d["weight"], d["evidence"]) for a, b, d in G.edges(data=True)}
    pairs = {frozenset((G.nodes[a]["label"], G.nodes[b]["label"])) for a, b in G.edges}
    assert frozenset(("大连金普新区", "浙江舟山群岛新区")) in pairs
    assert frozenset(("天津滨海新区", "广州南沙新区")) not in pairs  # signed in 2023
    assert nx.degree_centrality(G)


def test_graph_is_the_selection_of_a_view_as_a_multidigraph(built, g, run_cli):
    G = g.graph(focus="金普新区", depth=2)
    assert isinstance(G, nx.MultiDiGraph)
    rows = cli_json(run_cli, "analyze", "--focus", "金普新区", "--depth", "2", "--edges",
                    "--store", built[0])
    assert sorted((r["source"], r["relation"], r["target"], r["articles"], r["sentences"])
                  for r in rows) == sorted(
        (G.nodes[s]["label"], k, G.nodes[o]["label"], d["weight"], d["evidence"])
        for s, o, k, d in G.edges(keys=True, data=True))
    fund = next(n for n, d in G.nodes(data=True) if d["type"] == "Fund")
    assert G.nodes[fund]["amountCNY"] == 2e9
    only_zones = g.graph(types=["Zone"])
    assert {d["type"] for _, d in only_zones.nodes(data=True)} == {"Zone"}
    with pytest.raises(ZoneGraphError, match="unknown entity type"):
        g.graph(types="Zones")


def test_a_view_saves_what_zonegraph_view_writes(built, g, run_cli, tmp_path):
    v = g.view(focus="滨海新区", depth=2, color_by="community")
    result = run_cli("view", "--focus", "滨海新区", "--depth", "2", "--color-by", "community",
                     "--store", built[0], "--out", tmp_path / "cli.html")
    assert result.exit_code == 0, result.output
    assert f"({v.nodes} nodes, {v.edges} edges)" in result.stdout
    assert v.save(tmp_path / "api.html").read_bytes() == (tmp_path / "cli.html").read_bytes()
    frame = v._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in frame
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', frame).group(1)
    assert html.unescape(srcdoc) == v.html


def test_document_markup_stays_text_in_the_inline_view(xss_store):
    with zonegraph.open(xss_store) as handle:
        frame = handle.view()._repr_html_()
    assert "__zgPwned" in frame  # the document's text is there …
    assert "<script" not in frame and "<img" not in frame  # … and none of it is markup


def test_dataset_reads_the_store_and_refuses_writes(built, g, run_cli):
    from rdflib import Literal, URIRef

    ds = g.dataset()
    result = run_cli("stats", "--store", built[0])
    triples = int(re.search(r"triples: (\d+)", result.stdout).group(1))
    (n,), = ds.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(n) == triples
    assert len(list(ds.graphs())) >= 2  # one named graph per document (and the default)
    with pytest.raises(RuntimeError):  # Oxigraph: the store is open read-only
        ds.add((URIRef("urn:x"), URIRef("urn:y"), Literal("z")))
    with pytest.raises(RuntimeError):
        ds.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    (after,), = g.dataset().query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(after) == triples


def test_snapshot_writes_the_files_zonegraph_snapshot_writes(built, g, run_cli, tmp_path):
    from zonegraph.reports.snapshot import FILES

    snap = g.snapshot(as_of="2023-12", out=tmp_path / "api", title="简报")
    result = run_cli("snapshot", "--as-of", "2023-12", "--out", tmp_path / "cli", "--title",
                     "简报", "--store", built[0])
    assert result.exit_code == 0, result.output
    for name in FILES:
        assert (tmp_path / "api" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes()
    assert snap.path == tmp_path / "api" and snap.as_of == "2023-12-31"
    manifest = json.loads((tmp_path / "cli" / "manifest.json").read_text(encoding="utf-8"))
    assert snap.manifest["counts"] == manifest["counts"]
    assert snap.manifest["counts"]["documents"] == 1
    with pytest.raises(ZoneGraphError, match="not a date"):
        g.snapshot(as_of="last year", out=tmp_path / "bad")
