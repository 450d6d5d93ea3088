"""Render the view gallery in viz/ from the sample corpus (``make gallery``).

    .venv/bin/python scripts/make_gallery.py

Builds data/samples/ into a temporary store, writes each view below as viz/<name>.html,
takes a screenshot of it in headless Chromium (viz/<name>.png; a CJK font such as
Debian's fonts-noto-cjk is needed for the labels) and writes viz/README.md listing them.
The sample corpus is illustrative (invented news, see data/samples/README.md), so the
gallery shows what the views look like, not findings.
"""
from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VIZ = REPO / "viz"


@dataclass(frozen=True)
class Shot:
    name: str
    title: str
    command: str  # the equivalent command line, for the README
    selection: dict
    options: dict
    search: str = ""  # type this into the search box before the screenshot
    caption: str = ""


SHOTS = (
    Shot("cooperation", "Zone cooperation", "zonegraph view --cooperation",
         {"cooperation": True}, {}, "重庆两江新区",
         "Zones and the organizations they cooperate with; edge width = supporting articles. "
         "Searching 重庆两江新区 opened its panel: every link with its sentences, article, "
         "outlet and date."),
    Shot("cooperation-zones", "Zone cooperation, zones only",
         "zonegraph view --zones-only --color-by community", {"zones_only": True},
         {"color_by": "community"}, caption="Zones only, coloured by Louvain community."),
    Shot("whole-graph", "The whole graph", "zonegraph view", {}, {},
         caption="Every entity and relation; shapes and colours by type, size by degree."),
    Shot("communities", "Communities and brokers",
         "zonegraph view --color-by community --size-by betweenness", {},
         {"color_by": "community", "size_by": "betweenness"},
         caption="Colour = Louvain community, size = betweenness centrality."),
    Shot("liangjiang", "两江新区, two steps out",
         "zonegraph view --focus 两江新区 --depth 2", {"focus": "两江新区", "depth": 2}, {},
         search="王建国", caption="The ego network of 两江新区 (found by its short name); "
         "the panel shows a person's post."),
    Shot("organizations-2024", "Organizations in 2024 news",
         "zonegraph view --types Zone,Enterprise,Institution,Park --since 2024",
         {"types": "Zone,Enterprise,Institution,Park", "since": "2024"}, {},
         caption="Only four types, only evidence from articles dated 2024."),
)


def build_store(root: Path) -> Path:
    from zonegraph.pipeline.settings import Settings
    from zonegraph.pipeline.run import build

    store = root / "store"
    report = build([REPO / "data" / "samples"], Settings(store=store))
    if not report.ok:
        raise SystemExit(f"error: sample build failed: {report.failed}")
    return store


def render_shot(store: Path, shot: Shot) -> tuple[Path, int, int]:
    from zonegraph.views.viewgraph import Selection, ViewFilter, load_selection
    from zonegraph.views.page import ViewOptions, render

    sel = dict(shot.selection)
    filters = ViewFilter.parse(sel.pop("types", None), sel.pop("since", None))
    graph = load_selection(store, Selection(filters=filters, **sel))
    result = render(graph, VIZ / f"{shot.name}.html",
                    ViewOptions(title=f"ZoneGraph: {shot.title}", **shot.options))
    return result.path, result.nodes, result.edges


def screenshot(browser, page_path: Path, shot: Shot) -> Path:
    page = browser.open(page_path)
    page.wait_for("document.body.dataset.stable === '1'", timeout=60)
    if shot.search:
        page.evaluate(f"""(() => {{
            const box = document.getElementById('zg-search');
            box.value = {shot.search!r};
            box.dispatchEvent(new Event('input'));
            box.dispatchEvent(new KeyboardEvent('keydown', {{key: 'Enter'}}));
        }})()""")
        page.wait_for("document.body.dataset.panel === 'node'")
        time.sleep(0.8)  # the focus animation
    if page.errors:
        raise SystemExit(f"error: {page_path.name}: {page.errors}")
    out = page.screenshot(page_path.with_suffix(".png"))
    page.close()
    return out


def write_readme(rows: list[tuple[Shot, int, int]]) -> None:
    lines = [
        "# View gallery",
        "",
        "Rendered by `make gallery` (`scripts/make_gallery.py`) from the **illustrative sample",
        "corpus** in `data/samples/` — invented news written for ZoneGraph's demo and tests",
        "(see its README), so these pictures show what the views look like, not findings.",
        "Each `.html` is a self-contained page that works offline; open it in any browser to",
        "pan, zoom, search, toggle types and click a node or link for its evidence.",
        "The `.png` is a headless-Chromium screenshot of the page.",
        "",
    ]
    for shot, nodes, edges in rows:
        lines += [f"## {shot.title}", "", f"`{shot.command}` — {nodes} nodes, {edges} edges. "
                  f"{shot.caption}", "",
                  f"[![{shot.title}]({shot.name}.png)]({shot.name}.html)", ""]
    (VIZ / "README.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    from zonegraph.views.browser import Browser

    VIZ.mkdir(exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="zonegraph-gallery-") as tmp, Browser() as browser:
        store = build_store(Path(tmp))
        for shot in SHOTS:
            page_path, nodes, edges = render_shot(store, shot)
            screenshot(browser, page_path, shot)
            rows.append((shot, nodes, edges))
            print(f"wrote viz/{shot.name}.html and .png ({nodes} nodes, {edges} edges)")
    write_readme(rows)
    print("wrote viz/README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
