"""Views in a real browser: headless Chromium (Debian's ``chromium``; ``make test`` installs it)
loads each written page, and the tests read what the page reports on <body>: data-ready
and data-nodes-drawn (set after vis-network draws), data-search-hits, data-panel.

No timing is asserted here (the machine is shared and noisy); ``python -m
bench/viz_bench.py`` measures how fast views draw at 500 / 5,000 / 20,000 nodes.
"""
from __future__ import annotations

import json

import pytest

from zonegraph.views.browser import Browser, find_chromium
from zonegraph.views.viewgraph import (Entity, Evidence, Selection, ViewFilter, ViewGraph, Article,
                                 load_selection)
from zonegraph.views.page import ViewOptions, render
from viz_bench import synthetic_view_graph  # bench/viz_bench.py (conftest puts bench/ on the path)

pytestmark = pytest.mark.skipif(find_chromium() is None,
                                reason="no Chromium (make test installs Debian's chromium)")

READY = "document.body.dataset.ready === '1'"


@pytest.fixture(scope="module")
def browser():
    with Browser() as b:
        yield b


@pytest.fixture(scope="module")
def pages(sample_store, tmp_path_factory):
    """Views of the sample store: name → (path, nodes written)."""
    root = tmp_path_factory.mktemp("browser-pages")
    selections = {
        "whole": (Selection(), ViewOptions()),
        "cooperation": (Selection(cooperation=True), ViewOptions()),
        "zones": (Selection(zones_only=True), ViewOptions(color_by="community")),
        "focus": (Selection(focus="两江新区", depth=2), ViewOptions(size_by="betweenness")),
        "filtered": (Selection(ViewFilter.parse("Zone,Enterprise,Park", "2024")), ViewOptions()),
        "precomputed": (Selection(), ViewOptions(physics_limit=20, color_by="community")),
    }
    out = {}
    for name, (selection, options) in selections.items():
        result = render(load_selection(sample_store.store, selection), root / f"{name}.html", options)
        out[name] = (result.path, result.nodes)
    return out


def open_ready(browser, path):
    page = browser.open(path)
    page.wait_for(READY, timeout=60)
    return page


def type_search(page, text: str, enter: bool = True) -> None:
    page.evaluate(f"""(() => {{
        const box = document.getElementById('zg-search');
        box.value = {json.dumps(text)};
        box.dispatchEvent(new Event('input'));
        {"box.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}));" if enter else ""}
    }})()""")


def panel_text(page) -> str:
    return page.evaluate("document.getElementById('zg-panel-body').textContent")


@pytest.mark.parametrize("name", ["whole", "cooperation", "zones", "focus", "filtered",
                                  "precomputed"])
def test_view_draws_every_node_without_errors(browser, pages, name):
    path, n_nodes = pages[name]
    page = open_ready(browser, path)
    page.wait_for("document.body.dataset.stable === '1'", timeout=60)
    assert int(page.evaluate("document.body.dataset.nodesDrawn")) == n_nodes
    assert page.errors == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in page.requests), page.requests
    legend = page.evaluate("document.getElementById('zg-legend').textContent")
    assert "Types" in legend and "Zone" in legend
    page.close()


def test_search_finds_a_node_by_a_short_name_and_opens_its_panel(browser, pages):
    page = open_ready(browser, pages["whole"][0])
    type_search(page, "两江新区")  # an altLabel of 重庆两江新区
    page.wait_for("document.body.dataset.panel === 'node'")
    assert int(page.evaluate("document.body.dataset.searchHits")) >= 1
    text = panel_text(page)
    assert text.startswith("重庆两江新区") and "Relations and evidence" in text
    assert "2010-05-05" in text  # attribute: State Council approval
    selected = page.evaluate("zgNetwork.getSelectedNodes()")
    assert [int(page.evaluate("document.body.dataset.selected"))] == selected
    type_search(page, "没有这个名字", enter=False)
    assert page.evaluate("document.body.dataset.searchHits") == "0"
    assert "not found" in page.evaluate("document.getElementById('zg-search-status').textContent")
    assert page.errors == []
    page.close()


def test_side_panel_shows_posts_attributes_and_article_titles(browser, pages):
    page = open_ready(browser, pages["whole"][0])
    type_search(page, "王建国")
    page.wait_for("document.body.dataset.panel === 'node'")
    text = panel_text(page)
    assert "党工委副书记" in text and "管委会副主任" in text and "两江新区管委会" in text
    assert "《" in text and "两江新区官网" in text  # evidence with article title and source
    type_search(page, "江北新区集成电路产业基金")
    page.wait_for("document.getElementById('zg-panel-body').textContent.includes('30亿元')")
    page.close()


def test_clicking_a_link_shows_its_evidence(browser, pages):
    page = open_ready(browser, pages["cooperation"][0])
    edge = page.evaluate("""(() => {
        const names = new Map(zgNetwork.body.data.nodes.get().map(n => [n.id, n.label]));
        return zgNetwork.body.data.edges.get().find(e =>
            [names.get(e.from), names.get(e.to)].sort().join() === '四川天府新区,重庆两江新区').id;
    })()""")
    page.evaluate(f"void zgNetwork.emit('click', {{nodes: [], edges: [{edge}]}})")
    page.wait_for("document.body.dataset.panel === 'edge'")
    text = panel_text(page)
    assert "重庆两江新区" in text and "四川天府新区" in text and "战略合作框架协议" in text
    page.close()


def test_type_toggle_hides_that_type(browser, pages):
    page = open_ready(browser, pages["whole"][0])
    people = page.evaluate("zgNetwork.body.data.nodes.get().filter(n => n.group === 'Person').length")
    assert people > 0
    page.evaluate("""(() => { const box = document.querySelector('#zg-legend input[data-type="Person"]');
                             box.checked = false; box.dispatchEvent(new Event('change')); })()""")
    expected = pages["whole"][1] - people
    page.wait_for(f"document.body.dataset.nodesDrawn === '{expected}'")
    page.close()


def test_a_large_view_draws_with_physics_off(browser, tmp_path):
    result = render(synthetic_view_graph(3000, seed=2), tmp_path / "large.html")
    assert result.precomputed
    page = open_ready(browser, result.path)
    assert int(page.evaluate("document.body.dataset.nodesDrawn")) == 3000
    assert page.evaluate("document.body.dataset.stable") == "1"
    type_search(page, "Enterprise1")
    assert int(page.evaluate("document.body.dataset.searchHits")) > 10
    assert page.errors == []
    page.close()


def test_script_in_a_document_shows_as_text_and_does_not_run(browser, xss_store, tmp_path):
    result = render(load_selection(xss_store, Selection(focus="两江新区")), tmp_path / "xss.html")
    page = open_ready(browser, result.path)
    type_search(page, "重庆两江新区")
    page.wait_for("document.body.dataset.panel === 'node'")
    assert page.evaluate("typeof window.__zgPwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img, b').length") == 0
    text = panel_text(page)
    assert "<script>window.__zgPwned=3</script>" in text  # shown, as text
    assert "测试网<b>粗体</b>" in text
    assert page.errors == []
    page.close()


def test_markup_in_a_name_shows_as_text_in_search_and_panel(browser, tmp_path):
    evil = '<img src=x onerror="window.__zgPwned=4">星<script>window.__zgPwned=5</script>'
    view = ViewGraph()
    for iri, label, etype in (("urn:a", evil, "Enterprise"), ("urn:z", "两江新区", "Zone")):
        view.nodes[iri] = Entity(iri, label, (etype,), ("</script><script>window.__zgPwned=6</script>",))
        view.labels[iri] = label
    view.articles["urn:art"] = Article("urn:art", "<i>标题</i>", "来源", "2024-01-01")
    view.edges[("urn:a", "locatedIn", "urn:z")] = [
        Evidence("urn:a", "locatedIn", "urn:z", "句子<svg onload=window.__zgPwned=7>", "urn:art", 0.9)]
    result = render(view, tmp_path / "names.html", ViewOptions(title="<script>window.__zgPwned=8</script>"))
    page = open_ready(browser, result.path)
    type_search(page, "星")
    page.wait_for("document.body.dataset.panel === 'node'")
    assert page.evaluate("typeof window.__zgPwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('#zg-panel img, #zg-panel svg, #zg-panel i').length") == 0
    text = panel_text(page)
    assert text.startswith(evil) and "<i>标题</i>" in text and "<svg onload" in text
    assert page.evaluate("document.title") == "<script>window.__zgPwned=8</script>"
    assert page.errors == []
    page.close()


def test_evidence_links_to_the_articles_web_page(browser, tmp_path):
    """The page an article was published at is a link next to its sentence, so a report can
    cite it; a URL that is not http(s) is never made a link."""
    view = ViewGraph()
    for iri, label in (("urn:a", "甲新区"), ("urn:b", "乙新区")):
        view.nodes[iri] = Entity(iri, label, ("Zone",))
        view.labels[iri] = label
    view.articles["urn:1"] = Article("urn:1", "合作", "示例日报", "2024-03-05",
                                     "https://example.cn/a?x=1&y=2")
    view.articles["urn:2"] = Article("urn:2", "再合作", "", "", "javascript:window.__zgPwned=9")
    view.edges[("urn:a", "cooperatesWith", "urn:b")] = [
        Evidence("urn:a", "cooperatesWith", "urn:b", "甲乙签署协议。", "urn:1", 0.9),
        Evidence("urn:a", "cooperatesWith", "urn:b", "甲乙再次签约。", "urn:2", 0.9)]
    page = open_ready(browser, render(view, tmp_path / "cited.html", ViewOptions()).path)
    edge = page.evaluate("zgNetwork.body.data.edges.get()[0].id")
    page.evaluate(f"void zgNetwork.emit('click', {{nodes: [], edges: [{json.dumps(edge)}]}})")
    page.wait_for("document.body.dataset.panel === 'edge'")
    links = page.evaluate("Array.from(document.querySelectorAll('#zg-panel-body a'))"
                          ".map(a => [a.getAttribute('href'), a.textContent])")
    assert links == [["https://example.cn/a?x=1&y=2", "https://example.cn/a?x=1&y=2"]]
    assert page.errors == []
    page.close()
