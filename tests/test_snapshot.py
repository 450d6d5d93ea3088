"""Snapshots and diffs of the sample corpus (``data/samples``, built once by conftest).

The sample documents are dated 2023-09-15 (newsletter_2023_q3.txt), 2024-01-08
(jiangbei_brief.docx), 2024-01-15 (xiongan_report.pdf), 2024-02-20 (newsletter_2024_q1.txt)
and 2024-03-12 (tianfu_news.html). ``EARLY`` takes the first two, ``LATE`` the first four.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from zonegraph.cli.main import cli
from zonegraph.reports.snapshot import FILES

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"
EARLY, LATE = "2024-01-10", "2024-02"
EARLY_FILES = {"newsletter_2023_q3.txt", "jiangbei_brief.docx"}
LATE_FILES = EARLY_FILES | {"xiongan_report.pdf", "newsletter_2024_q1.txt"}


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def snaps(sample_store, tmp_path_factory):
    """Snapshots at EARLY and LATE (LATE with --since-snapshot EARLY), and a second LATE."""
    root = tmp_path_factory.mktemp("snapshots")
    store = sample_store.store
    for args in ((EARLY, "early", ()), (LATE, "late", ("--since-snapshot", root / "early"))):
        result = invoke("snapshot", "--store", store, "--as-of", args[0], "--out", root / args[1],
                        "--title", "样本 snapshot", *args[2])
        assert result.exit_code == 0, result.output
    # the same snapshot again in another process with another string-hash seed: set and
    # dict orders change, the files must not
    proc = subprocess.run(
        [sys.executable, "-c", "from zonegraph.cli.main import main; main()", "snapshot",
         "--store", str(store), "--as-of", LATE, "--out", str(root / "late2"),
         "--title", "样本 snapshot", "--since-snapshot", str(root / "early")],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONHASHSEED": "7"})
    assert proc.returncode == 0, proc.stderr
    return root


# ------------------------------------------------------------------ contents


def test_a_snapshot_has_every_file_and_a_manifest(snaps):
    for name in FILES + ("manifest.json",):
        assert (snaps / "late" / name).stat().st_size > 0, name
    m = json.loads((snaps / "late" / "manifest.json").read_text(encoding="utf-8"))
    assert m["as_of"] == "2024-02-29" and m["title"] == "样本 snapshot"
    assert m["zonegraph_version"] and m["created"]
    assert {d["file"] for d in m["documents"]} == LATE_FILES
    for d in m["documents"]:
        assert d["sha256"] == hashlib.sha256((SAMPLES / d["file"]).read_bytes()).hexdigest()
        assert d["latest_date"] <= "2024-02-29"
    assert m["counts"]["documents"] == 4 and m["counts"]["entities"] > 0
    for name, digest in m["files"].items():
        assert hashlib.sha256((snaps / "late" / name).read_bytes()).hexdigest() == digest


def test_as_of_keeps_only_articles_dated_up_to_it(snaps):
    from zonegraph.reports.asof import MemoryGraph

    g = MemoryGraph.from_trig(snaps / "early" / "graph.trig")
    dates = {r["d"] for r in g.select("SELECT ?d WHERE { ?a a zg:Article ; dcterms:date ?d }")}
    assert dates == {"2023-09-15", "2024-01-08"}
    files = {r["f"] for r in g.select("SELECT ?f WHERE { ?d zg:fileName ?f }")}
    assert files == EARLY_FILES
    # every kept evidence node comes from a kept article
    orphans = g.select("""SELECT ?ev WHERE { ?ev a zg:Evidence ; prov:wasDerivedFrom ?a .
                          FILTER NOT EXISTS { ?a dcterms:date ?d } }""")
    assert orphans == []


def test_as_of_after_the_last_article_is_the_whole_store(sample_store):
    import pyoxigraph as ox

    from zonegraph.reports.asof import as_of_quads
    from zonegraph.store.graph_store import GraphStore

    with GraphStore(sample_store.store, read_only=True) as gs:
        cut = {str(q) for q in as_of_quads(gs.ox, "2099-12-31")}
        whole = {str(q) for q in gs.ox.quads_for_pattern(None, None, None, None)
                 if not isinstance(q.graph_name, ox.DefaultGraph)}
        assert cut == whole
        assert as_of_quads(gs.ox, "2000-01-01") == []


def test_same_store_and_date_give_byte_identical_files(snaps):
    for name in FILES:  # graph, tables, GraphML/GEXF, figures, view and report alike
        assert (snaps / "late" / name).read_bytes() == (snaps / "late2" / name).read_bytes(), name


def test_csv_tables(snaps):
    import csv

    from zonegraph.reports.tables import EDGE_FIELDS, NODE_FIELDS

    with (snaps / "late" / "nodes.csv").open(encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    with (snaps / "late" / "edges.csv").open(encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    assert tuple(nodes[0]) == NODE_FIELDS and tuple(edges[0]) == EDGE_FIELDS
    m = json.loads((snaps / "late" / "manifest.json").read_text(encoding="utf-8"))
    assert len(nodes) == m["counts"]["entities"] and len(edges) == m["counts"]["relations"]
    assert [n["id"] for n in nodes] == sorted(n["id"] for n in nodes)
    fund = next(n for n in nodes if n["label"] == "江北新区集成电路产业基金")
    assert fund["type"] == "Fund" and float(fund["amountCNY"]) == 3e9
    coop = [e for e in edges if e["predicate"] == "cooperatesWith"
            and {e["source_label"], e["target_label"]} == {"湖南湘江新区", "贵州贵安新区"}]
    assert coop and coop[0]["first_date"] == "2024-02-20" and int(coop[0]["evidence"]) >= 1


def test_graphml_and_gexf_parse_with_networkx(snaps):
    import networkx as nx

    nodes = sum(1 for _ in (snaps / "late" / "nodes.csv").open(encoding="utf-8")) - 1
    for name, read in (("graph.graphml", nx.read_graphml), ("graph.gexf", nx.read_gexf)):
        G = read(snaps / "late" / name)
        assert G.number_of_nodes() == nodes, name
        zone = next(d for _, d in G.nodes(data=True) if d.get("label") == "重庆两江新区")
        assert zone["type"] == "Zone"
        fund = next(d for _, d in G.nodes(data=True) if d.get("label") == "江北新区集成电路产业基金")
        assert float(fund["amountCNY"]) == 3e9
        edge = next(d for _, _, d in G.edges(data=True) if d["predicate"] == "cooperatesWith")
        assert int(edge["weight"]) >= 1 and edge["first_date"] <= edge["latest_date"]
    assert 'lastmodifieddate="2024-02-29"' in (snaps / "late" / "graph.gexf").read_text("utf-8")


# ------------------------------------------------------------------ figure


def test_png_shows_chinese_labels(snaps):
    from PIL import Image

    from zonegraph.reports.asof import MemoryGraph
    from zonegraph.reports.figure import find_cjk_font, label_box, layout_figure
    from zonegraph.reports.snapshot import canonical
    from zonegraph.views.viewgraph import cooperation, load_view_graph

    view = canonical(load_view_graph(MemoryGraph.from_trig(snaps / "late" / "graph.trig")))
    fig = layout_figure(canonical(cooperation(view)), "t")
    img = Image.open(snaps / "late" / "cooperation.png").convert("L")
    box = label_box(fig, "湖南湘江新区", find_cjk_font())
    dark = sum(img.crop(box).histogram()[:128])
    assert dark > 0.08 * (box[2] - box[0]) * (box[3] - box[1])


def test_the_font_draws_chinese_glyphs_not_boxes(tmp_path):
    from PIL import Image

    from zonegraph.reports.figure import Figure, Node, find_cjk_font, label_box, render_png

    font = find_cjk_font()
    f = font.load(32)
    masks = [bytes(f.getmask(ch)) for ch in "两江新区"]
    assert all(any(m) for m in masks) and len(set(masks)) == 4  # tofu boxes would repeat
    fig = Figure("", "", (Node(600.0, 400.0, 10.0, "两江新区", "#d62728"),), ())
    render_png(fig, tmp_path / "one.png", font)
    img = Image.open(tmp_path / "one.png").convert("L")
    left, top, right, bottom = label_box(fig, "两江新区", font)
    inside = sum(img.crop((left, top, right, bottom)).histogram()[:128])
    beside = sum(img.crop((left + 300, top, right + 300, bottom)).histogram()[:250])
    assert inside > 20 and beside == 0


def test_svg_keeps_labels_as_text(snaps):
    svg = ET.parse(snaps / "late" / "cooperation.svg").getroot()
    texts = {t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")}
    assert {"湖南湘江新区", "贵州贵安新区", "重庆两江新区"} <= texts
    assert "Noto Sans CJK SC" in svg.get("font-family")


# ------------------------------------------------------------------ report and diff


def test_report_tables_and_new_since(snaps):
    md = (snaps / "late" / "report.md").read_text(encoding="utf-8")
    for heading in ("## Counts", "## Zones by cooperation partners", "## Zones by enterprises",
                    "## Cooperation", "## Largest funds", "## Policies issued",
                    "## New since early (2024-01-10)"):
        assert heading in md, heading
    assert "| 湖南湘江新区 — 贵州贵安新区 | 1 | 2024-02-20 | 2024-02-20 |" in md
    assert "雄安新区科技创新投资基金 | 100亿元" in md
    new_since = md.split("## New since")[1]
    assert "贵州贵安新区" in new_since and "江北新区集成电路产业基金" not in new_since
    html = (snaps / "late" / "report.html").read_text(encoding="utf-8")
    assert "<h2>Cooperation</h2>" in html and "湖南湘江新区 — 贵州贵安新区" in html
    assert "New since" not in (snaps / "early" / "report.md").read_text(encoding="utf-8")


def test_report_html_escapes_document_text():
    from zonegraph.reports.report import Block, report_html, report_markdown

    blocks = [Block("h1", "t<script>"), Block("table", rows=(("a|b",), ("<img src=x>",)))]
    html = report_html(blocks)
    assert "<script>" not in html and "<img" not in html and "&lt;img src=x&gt;" in html
    assert "a\\|b" in report_markdown(blocks)


def _graph_facts(store, files):
    """Entities and relation keys stated in the named graphs of ``files`` (read directly)."""
    from zonegraph.graph.namespace import ENTITY_CLASSES, RELATIONS
    from zonegraph.store.graph_store import GraphStore
    from zonegraph.views.viewgraph import edge_key

    names = " ".join(f'"{f}"' for f in files)
    classes = " ".join(f"zg:{c}" for c in ENTITY_CLASSES)
    rels = " ".join(f"zg:{p}" for p in RELATIONS)
    with GraphStore(store, read_only=True) as gs:
        ents = {r["e"] for r in gs.select(f"""SELECT ?e WHERE {{ VALUES ?f {{ {names} }}
            VALUES ?c {{ {classes} }} GRAPH ?g {{ ?d zg:fileName ?f . ?e a ?c }} }}""")}
        edges = {edge_key(r["s"], r["p"].split("#")[1], r["o"]) for r in gs.select(f"""
            SELECT ?s ?p ?o WHERE {{ VALUES ?f {{ {names} }} VALUES ?p {{ {rels} }}
            GRAPH ?g {{ ?d zg:fileName ?f . ?s ?p ?o }} }}""")}
    return ents, edges


def test_diff_names_exactly_what_the_later_articles_added(snaps, sample_store):
    result = invoke("diff", snaps / "early", snaps / "late", "--format", "json")
    assert result.exit_code == 0, result.output
    d = json.loads(result.output)
    early_ents, early_edges = _graph_facts(sample_store.store, EARLY_FILES)
    late_ents, late_edges = _graph_facts(sample_store.store, LATE_FILES)
    assert {r["iri"] for r in d["entities_added"]} == late_ents - early_ents
    assert {(r["subject"], r["predicate"], r["object"]) for r in d["relations_added"]} == \
        late_edges - early_edges
    assert d["entities_removed"] == [] and d["relations_removed"] == []
    added = {r["label"] for r in d["entities_added"]}
    assert {"湖南湘江新区", "贵州贵安新区", "雄安新区科技创新投资基金"} <= added
    assert "南京江北新区" not in added  # already in the 2024-01-08 brief
    md = invoke("diff", snaps / "early", snaps / "late").output
    assert md.startswith("# Changes from early (2024-01-10) to late (2024-02-29)")
    assert "| 湖南湘江新区 | cooperatesWith | 贵州贵安新区 |" in md or \
           "| 贵州贵安新区 | cooperatesWith | 湖南湘江新区 |" in md


def test_diff_against_the_store_and_itself(snaps, sample_store):
    d = json.loads(invoke("diff", snaps / "late", "store", "--store", sample_store.store,
                          "--format", "json").output)
    late_ents, _ = _graph_facts(sample_store.store, LATE_FILES)
    all_ents, _ = _graph_facts(sample_store.store, LATE_FILES | {"tianfu_news.html"})
    assert {r["iri"] for r in d["entities_added"]} == all_ents - late_ents
    same = invoke("diff", snaps / "late", snaps / "late2")
    assert "No changes." in same.output


def test_attribute_and_post_changes_are_reported():
    from zonegraph.reports.diff import Facts, compare, format_diff

    old = Facts({"f": ("基金", "Fund"), "p": ("张三", "Person"), "o": ("管委会", "GovernmentBody")},
                frozenset(), {("f", "amountCNY"): ("3000000000",)}, {"p": (("主任", "o"),)},
                {"f": "基金", "p": "张三", "o": "管委会"})
    new = Facts(old.entities, frozenset({("f", "launchedBy", "o")}),
                {("f", "amountCNY"): ("5000000000",)}, {"p": (("副主任", "o"),)}, old.labels)
    d = compare(old, new)
    assert d.attributes_changed == [{"iri": "f", "label": "基金", "attribute": "amountCNY",
                                     "old": ["3000000000"], "new": ["5000000000"]}]
    assert d.posts_changed[0]["old"] == ["管委会 主任"]
    assert d.posts_changed[0]["new"] == ["管委会 副主任"]
    assert "| 基金 | launchedBy | 管委会 |" in format_diff(d, "md")


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize("args", [
    ("snapshot", "--as-of", "2024", "--out", "{tmp}/s", "--since-snapshot", "{tmp}/nope"),
    ("diff", "{tmp}/nope", "store"),
    ("snapshot", "--as-of", "2024-13", "--out", "{tmp}/s"),
    ("snapshot", "--as-of", "2024", "--out", "{tmp}/full"),
])
def test_errors_are_one_line(sample_store, tmp_path, args):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine", encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(cli, [*args, "--store", str(sample_store.store)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert (tmp_path / "full" / "notes.txt").exists()
    if "nope" in " ".join(args):
        assert lines[0] == f"error: {tmp_path}/nope: not a snapshot (no manifest.json)"
