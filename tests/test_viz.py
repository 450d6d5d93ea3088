"""Views without a browser: the view graph and its filters (``zonegraph.views.viewgraph``), the
precomputed layout, the written page (``zonegraph.views.page``) and ``zonegraph view``.

What the page does once a browser runs it is in test_browser.py. The sample corpus is
invented (data/samples/README.md); tests check the relations it plants.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import networkx as nx
import pytest

from zonegraph.errors import ZoneGraphError
from zonegraph.views.layout import SPRING_LIMIT, precomputed_layout
from zonegraph.views.viewgraph import (Selection, ViewFilter, apply_filter, cooperation, ego,
                                 find_entities, load_selection, parse_date_bound, select)
from zonegraph.views.page import ViewOptions, format_amount, render, script_json
from viz_bench import synthetic_view_graph  # bench/viz_bench.py (conftest puts bench/ on the path)


def page_parts(html: str):
    """(vis nodes, vis edges, vis options, ZoneGraph's page data) of a written view."""
    data = re.search(r'<script type="application/json" id="zg-data">(.*?)</script>', html, re.S)
    call = html[html.index("zgView(new vis.DataSet(") + len("zgView(new vis.DataSet("):]
    decoder = json.JSONDecoder()
    nodes, end = decoder.raw_decode(call)
    call = call[end:]
    call = call[call.index("new vis.DataSet(") + len("new vis.DataSet("):]
    edges, end = decoder.raw_decode(call)
    options, _ = decoder.raw_decode(call[end:].lstrip(") ,"))
    return nodes, edges, options, json.loads(data.group(1))


def label_of(view, iri):
    return view.nodes[iri].label


def iri_of(view, label):
    return next(i for i, n in view.nodes.items() if n.label == label)


# ------------------------------------------------------------------ the view graph

def test_view_graph_of_the_sample(sample_view):
    view = sample_view
    assert len(view.nodes) > 80 and len(view.articles) == 10
    liangjiang = view.nodes[iri_of(view, "重庆两江新区")]
    assert liangjiang.types[0] == "Zone" and "两江新区" in liangjiang.names
    assert liangjiang.attributes["approvalDate"] == "2010-05-05"
    fund = view.nodes[iri_of(view, "江北新区集成电路产业基金")]
    assert fund.attributes["amountCNY"] == "3000000000"
    for (s, p, o), evidence in view.edges.items():
        assert s in view.nodes and o in view.nodes
        if p == "cooperatesWith":
            assert s < o  # symmetric: keyed once
        for e in evidence:
            assert e.sentence and e.article in view.articles and {e.subject, e.object} == {s, o}
    # 党工委副书记、管委会副主任王建国: a post in each organ, titled by its own part
    titles = {p.title for p in view.posts if label_of(view, p.person) == "王建国"}
    assert titles == {"党工委副书记", "管委会副主任"}


@pytest.mark.parametrize("name", ["重庆两江新区", "两江新区", "兩江新區", " 两江新区 "])
def test_entities_are_found_by_any_of_their_names(sample_view, name):
    assert [label_of(sample_view, i) for i in find_entities(sample_view, name)] == ["重庆两江新区"]


def test_a_unique_partial_name_is_enough(sample_view):
    assert [label_of(sample_view, i) for i in find_entities(sample_view, "智能网联汽车研究")] == \
        ["成渝智能网联汽车研究院"]


def test_unknown_and_ambiguous_names_are_errors(sample_view):
    with pytest.raises(ZoneGraphError, match=r"^不存在的新区: no entity of that name$"):
        find_entities(sample_view, "不存在的新区")
    with pytest.raises(ZoneGraphError, match=r"^两江: several entities match \(.*重庆两江新区"):
        find_entities(sample_view, "两江")


def test_ego_network_grows_with_depth(sample_view):
    center = iri_of(sample_view, "重庆两江新区")
    one, two = ego(sample_view, "两江新区", 1), ego(sample_view, "两江新区", 2)
    assert center in one.nodes and set(one.nodes) < set(two.nodes)
    adj = sample_view.neighbours()
    assert set(one.nodes) == {center} | adj[center]
    assert all(k[0] in two.nodes and k[2] in two.nodes for k in two.edges)
    assert two.notes[-1] == "within 2 relation(s) of 重庆两江新区"


def test_ego_of_a_person_shows_their_organization(sample_view):
    view = ego(sample_view, "王建国", 1)
    assert {n.label for n in view.nodes.values()} == {"王建国", "重庆两江新区管委会", "重庆两江新区党工委"}


# ------------------------------------------------------------------ filters

@pytest.mark.parametrize("text, end, expected", [
    ("2024", False, "2024-01-01"), ("2024", True, "2024-12-31"), ("2024-3", False, "2024-03-01"),
    ("2024-02", True, "2024-02-31"), ("2024-02-29", False, "2024-02-29")])
def test_date_bounds(text, end, expected):
    assert parse_date_bound(text, end=end) == expected


@pytest.mark.parametrize("text", ["2024-13", "2023-02-29", "24", "yesterday"])
def test_bad_dates(text):
    with pytest.raises(ZoneGraphError, match="not a date"):
        parse_date_bound(text)


def test_type_filter_keeps_those_types_and_the_links_among_them(sample_view):
    view = apply_filter(sample_view, ViewFilter.parse("zone,Enterprise"))
    assert {n.type for n in view.nodes.values()} == {"Zone", "Enterprise"}
    assert view.edges and all(k[0] in view.nodes and k[2] in view.nodes for k in view.edges)
    assert view.notes == ("types: Zone, Enterprise",)


def test_confidence_filter_drops_weak_evidence_and_unsupported_links(sample_view):
    view = apply_filter(sample_view, ViewFilter(min_confidence=0.8))
    kept = [e for ev in view.edges.values() for e in ev]
    assert kept and all(e.confidence >= 0.8 for e in kept)
    assert len(view.edges) < len(sample_view.edges)
    assert set(view.nodes) == set(sample_view.nodes)  # entities have no confidence


def test_date_filter_keeps_evidence_and_entities_of_the_period(sample_view):
    view = apply_filter(sample_view, ViewFilter.parse(since="2024-01", until="2024-02-20"))
    for evidence in view.edges.values():
        for e in evidence:
            assert "2024-01-01" <= sample_view.articles[e.article].date <= "2024-02-20"
    labels = {n.label for n in view.nodes.values()}
    assert "南京江北新区" in labels      # 2024-01-08 (docx)
    assert "陕西西咸新区" not in labels  # only in the 2023-09-15 issue
    assert len(view.nodes) < len(sample_view.nodes)


def test_since_after_until_is_an_error():
    with pytest.raises(ZoneGraphError, match="after"):
        ViewFilter.parse(since="2024-05", until="2024-04")


# ------------------------------------------------------------------ cooperation

def test_cooperation_network_rolls_zone_organs_up_to_their_zone(sample_view):
    view = cooperation(sample_view)
    zones = {i for i, n in view.nodes.items() if n.type == "Zone"}
    assert zones == {i for i, n in sample_view.nodes.items() if n.type == "Zone"}
    assert {k[1] for k in view.edges} == {"cooperatesWith"}
    assert all(k[0] in zones or k[2] in zones for k in view.edges)
    assert "重庆两江新区管委会" not in {n.label for n in view.nodes.values()}
    institute = iri_of(view, "成渝智能网联汽车研究院")
    linked = {label_of(view, o if s == institute else s) for s, _, o in view.edges
              if institute in (s, o)}
    assert linked == {"重庆两江新区", "四川天府新区"}
    # the evidence still says who signed
    evidence = view.edges[min(k for k in view.edges if institute in (k[0], k[2]))]
    assert any(view.labels[e.subject].endswith("管委会") or view.labels[e.object].endswith("管委会")
               for e in evidence)


def test_zones_only(sample_view):
    view = cooperation(sample_view, zones_only=True)
    assert {n.type for n in view.nodes.values()} == {"Zone"}
    pairs = {frozenset((label_of(view, s), label_of(view, o))) for s, _, o in view.edges}
    assert frozenset(("重庆两江新区", "四川天府新区")) in pairs
    assert frozenset(("湖南湘江新区", "贵州贵安新区")) in pairs


def test_selection_order_types_after_roll_up(sample_view):
    # a type filter without GovernmentBody must not lose the links organs signed
    view = select(sample_view, Selection(ViewFilter.parse("Zone,Institution"), cooperation=True))
    assert "成渝智能网联汽车研究院" in {n.label for n in view.nodes.values()}
    assert {n.type for n in view.nodes.values()} <= {"Zone", "Institution"}


# ------------------------------------------------------------------ layout

def test_layout_places_every_node_deterministically():
    G = nx.disjoint_union_all([nx.path_graph(5), nx.cycle_graph(8), nx.empty_graph(3),
                               nx.star_graph(6)])
    pos = precomputed_layout(G, seed=1)
    assert set(pos) == set(G) and pos == precomputed_layout(G, seed=1)
    assert all(math.isfinite(c) for xy in pos.values() for c in xy)
    # components do not overlap: bounding boxes are disjoint
    boxes = []
    for comp in nx.connected_components(G):
        xs, ys = [pos[n][0] for n in comp], [pos[n][1] for n in comp]
        boxes.append((min(xs), max(xs), min(ys), max(ys)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[1] < b[0] or b[1] < a[0] or a[3] < b[2] or b[3] < a[2]


def test_large_component_layout_keeps_neighbours_close():
    G = nx.barabasi_albert_graph(SPRING_LIMIT * 4, 1, seed=2)  # a tree: one component
    pos = precomputed_layout(G, seed=0)

    def dist(a, b):
        return math.dist(pos[a], pos[b])

    linked = sum(dist(a, b) for a, b in G.edges) / G.number_of_edges()
    nodes = list(G)
    spread = sum(dist(nodes[i], nodes[-1 - i]) for i in range(200)) / 200
    assert linked < spread / 3


# ------------------------------------------------------------------ the page

def test_script_json_cannot_close_the_script_element():
    value = {"s": "</script><script>alert(1)</script> & \u2028"}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_format_amount():
    assert format_amount("3000000000") == "30亿元 (3,000,000,000 CNY)"
    assert format_amount("50000") == "5万元 (50,000 CNY)"
    assert format_amount("n/a") == "n/a"


@pytest.fixture(scope="module")
def whole_page(sample_view, tmp_path_factory):
    out = tmp_path_factory.mktemp("pages") / "whole.html"
    result = render(sample_view, out, ViewOptions(title="全部 <图>"))
    return result, out.read_text(encoding="utf-8")


def test_page_is_self_contained(whole_page):
    _, html = whole_page
    assert not re.search(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=", html)
    assert "cdn" not in html.split("<style>")[0].lower()
    assert "new vis.Network(" in html and len(html) > 500_000


def test_page_holds_every_node_edge_and_detail(whole_page, sample_view):
    result, html = whole_page
    nodes, edges, options, data = page_parts(html)
    assert result.nodes == len(nodes) == len(sample_view.nodes) == len(data["nodes"])
    assert result.edges == len(edges) == len(sample_view.edges) == len(data["edges"])
    assert options["physics"]["enabled"] is True and not result.precomputed
    assert {n["group"] for n in nodes} == {t["type"] for t in data["types"]}
    by_label = {d["label"]: d for d in data["nodes"].values()}
    fund = by_label["江北新区集成电路产业基金"]
    assert ["Fund size · 规模", "30亿元 (3,000,000,000 CNY)"] in fund["attrs"]
    wang = by_label["王建国"]
    assert sorted(p[:2] for p in wang["posts"]) == [["党工委副书记", "重庆两江新区党工委"],
                                                    ["管委会副主任", "重庆两江新区管委会"]]
    assert wang["edges"] and wang["articles"]
    evidence = data["edges"][str(wang["edges"][0])]["evidence"][0]
    title, source, date, url = data["articles"][evidence[1]]
    assert evidence[0] and title and source == "两江新区官网" and date.startswith("20")
    assert url == ""  # the samples are built without a manifest: no page to cite
    assert "<title>全部 &lt;图&gt;</title>" in html


def test_edge_width_is_the_number_of_supporting_articles(sample_view, tmp_path):
    view = cooperation(sample_view)
    render(view, tmp_path / "c.html")
    nodes, edges, _, data = page_parts((tmp_path / "c.html").read_text(encoding="utf-8"))
    label = {n["id"]: n["label"] for n in nodes}
    pair = next(e for e in edges if {label[e["from"]], label[e["to"]]} == {"重庆两江新区", "四川天府新区"})
    articles = data["edges"][str(pair["id"])]["articles"]
    assert pair["width"] == articles >= 2
    assert pair["arrows"] == ""  # cooperation has no direction
    assert "《" in pair["title"] and "两江新区官网" in pair["title"]  # tooltip: title, source


def test_size_and_colour_by_metric(sample_view, tmp_path):
    render(sample_view, tmp_path / "m.html", ViewOptions(size_by="betweenness", color_by="community"))
    nodes, _, _, data = page_parts((tmp_path / "m.html").read_text(encoding="utf-8"))
    assert len({n["size"] for n in nodes}) > 3
    assert len({n["color"] for n in nodes}) > 3 and data["communities"]
    assert data["sizeBy"] == "node size: betweenness"


def test_big_views_get_a_precomputed_layout_and_no_physics(tmp_path):
    view = synthetic_view_graph(1500, seed=4)
    result = render(view, tmp_path / "big.html", ViewOptions(physics_limit=1000))
    nodes, _, options, data = page_parts((tmp_path / "big.html").read_text(encoding="utf-8"))
    assert result.precomputed and options["physics"] == {"enabled": False}
    assert all("x" in n and "y" in n for n in nodes)
    assert "1,500 nodes > 1,000: layout precomputed with networkx, physics off" in data["notes"]


def test_synthetic_graph_is_repeatable():
    a, b = synthetic_view_graph(800, seed=1), synthetic_view_graph(800, seed=1)
    assert len(a.nodes) == 800 and a.nodes.keys() == b.nodes.keys() and a.edges == b.edges
    assert 1.0 < len(a.edges) / len(a.nodes) < 2.0
    assert {n.type for n in a.nodes.values()} >= {"Zone", "Enterprise", "Person", "Fund"}


def test_text_from_documents_never_reaches_the_page_as_markup(xss_store, tmp_path):
    out = tmp_path / "xss.html"
    render(load_selection(xss_store, Selection(focus="两江新区")), out)
    html = out.read_text(encoding="utf-8")
    for markup in ("<script>window.__zgPwned", "<img src=x", "<b>粗体"):
        assert markup not in html
    assert "\\u003cscript\\u003ewindow.__zgPwned=1\\u003c/script\\u003e" in html  # as data


# ------------------------------------------------------------------ the command

def _view(run_cli, store, out, *args):
    result = run_cli("view", "--store", store, "--out", out, *args)
    assert result.exit_code == 0, result.output
    m = re.match(rf"wrote {re.escape(str(out))} \((\d+) nodes, (\d+) edges\)", result.stdout)
    assert m, result.stdout
    return int(m.group(1)), int(m.group(2)), result.stdout, out.read_text(encoding="utf-8")


def test_view_cooperation_command(sample_store, run_cli, tmp_path):
    n, m, _, html = _view(run_cli, sample_store.store, tmp_path / "c.html", "--cooperation")
    nodes, edges, _, _ = page_parts(html)
    assert (n, m) == (len(nodes), len(edges)) and m > 5
    assert "<title>ZoneGraph: zone cooperation</title>" in html
    zn, _, _, _ = _view(run_cli, sample_store.store, tmp_path / "z.html", "--zones-only")
    assert zn == len({i for i, e in load_selection(sample_store.store).nodes.items()
                      if e.type == "Zone"})


def test_view_filters_and_focus(sample_store, run_cli, tmp_path):
    all_n, _, _, _ = _view(run_cli, sample_store.store, tmp_path / "a.html")
    n, _, _, html = _view(run_cli, sample_store.store, tmp_path / "f.html", "--types",
                          "Zone,Person,GovernmentBody", "--since", "2024", "--min-confidence",
                          "0.8", "--focus", "两江新区", "--depth", "2", "--title", "两江 2024")
    nodes, _, _, data = page_parts(html)
    assert 1 < n < all_n and {x["group"] for x in nodes} <= {"Zone", "Person", "GovernmentBody"}
    assert "articles dated 2024-01-01 to …" in data["notes"]
    assert "<title>两江 2024</title>" in html


def test_view_says_when_the_layout_is_precomputed(sample_store, run_cli, tmp_path):
    n, _, stdout, html = _view(run_cli, sample_store.store, tmp_path / "p.html",
                               "--physics-limit", "20", "--size-by", "articles",
                               "--color-by", "community")
    assert f"{n} nodes > 20: layout precomputed with networkx, physics off" in stdout
    assert page_parts(html)[2]["physics"] == {"enabled": False}


@pytest.mark.parametrize("args, message", [
    (["--focus", "不存在的企业"], "error: 不存在的企业: no entity of that name"),
    (["--types", "Zone,Company"], "error: Company: unknown entity type"),
    (["--until", "2024-1-40"], "error: 2024-1-40: not a date"),
])
def test_view_errors_are_one_line_and_write_nothing(sample_store, run_cli, tmp_path, args, message):
    out = tmp_path / "v.html"
    result = run_cli("view", "--store", sample_store.store, "--out", out, *args)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(message), lines
    assert not out.exists()


def test_gallery_readme_says_where_the_pictures_come_from():
    readme = Path(__file__).resolve().parents[1] / "viz" / "README.md"
    text = readme.read_text(encoding="utf-8")
    assert "illustrative sample" in text and "make gallery" in text
    for image in re.findall(r"\]\(([\w-]+\.png)\)", text):
        assert (readme.parent / image).exists()
        assert (readme.parent / image.replace(".png", ".html")).exists()
