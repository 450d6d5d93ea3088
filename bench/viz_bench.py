"""How fast views are written and drawn at scale: synthetic graphs, timed in headless Chromium.

    .venv/bin/python bench/viz_bench.py            # 500, 5,000 and 20,000 nodes
    .venv/bin/python bench/viz_bench.py 2000 --json

For each size it prints the time to build the page in Python (layout included), the file
size, and — in Chromium — the time from navigation start until vis-network has drawn
every node for the first time (the page's ``data-first-draw-ms``, from the browser's
own clock), which is when the view can be panned, searched and clicked. The sample
corpus is far too small for this, so the graphs are synthetic but shaped like the real
one: 19 zones with organs, parks, enterprises, people, funds and policies around them,
and cooperation links across zones.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from zonegraph.views.viewgraph import (
    Article,
    Entity,
    Evidence,
    Post,
    ViewGraph,
    edge_key,
)

SIZES = (500, 5000, 20000)
#: The share of non-zone nodes per type, roughly as in built newsletters.
TYPE_SHARES = (("Enterprise", 30), ("Person", 14), ("GovernmentBody", 10), ("Park", 10),
               ("Institution", 10), ("Place", 10), ("Program", 5), ("Policy", 4),
               ("Fund", 4), ("Event", 3))
#: How each type attaches to what came before it (relation, allowed anchor types).
ANCHORS = {
    "GovernmentBody": ("partOf", ("Zone",)),
    "Park": ("partOf", ("Zone",)),
    "Enterprise": ("locatedIn", ("Park", "Zone")),
    "Institution": ("locatedIn", ("Park", "Zone")),
    "Fund": ("launchedBy", ("GovernmentBody", "Enterprise")),
    "Program": ("launchedBy", ("GovernmentBody", "Zone")),
    "Event": ("launchedBy", ("GovernmentBody", "Institution")),
    "Policy": ("issuedBy", ("GovernmentBody", "Zone")),
    "Person": ("memberOf", ("GovernmentBody", "Enterprise", "Institution")),
    "Place": ("cooperatesWith", ("Zone",)),
}
COOPERATING = ("Zone", "GovernmentBody", "Enterprise", "Institution", "Place")


def synthetic_view_graph(n: int, *, seed: int = 0) -> ViewGraph:
    """A view graph of ``n`` nodes (≈1.4 relations per node), the same for the same seed."""
    rng = random.Random(seed)
    view = ViewGraph()
    n_articles = max(1, n // 8)
    for i in range(n_articles):
        iri = f"urn:zg-bench:article/{i}"
        view.articles[iri] = Article(iri, f"合成文章 {i}", f"来源{i % 17}",
                                     f"{2023 + i % 2}-{1 + i % 12:02d}-{1 + i % 28:02d}")
    articles = list(view.articles)
    zones = min(19, n)
    by_type_zone: dict[tuple[str, int], list[str]] = {}
    home: dict[str, int] = {}
    weights = [1.0 / (z + 1) for z in range(zones)]  # a few big zones, many small ones
    kinds = [t for t, share in TYPE_SHARES for _ in range(share)]
    posts = []

    def add(iri: str, label: str, etype: str, zone: int) -> None:
        short = (f"{label[:4]}…",) if etype != "Zone" else ()
        view.nodes[iri] = Entity(iri, label, (etype,), short, {}, (rng.choice(articles),))
        view.labels[iri] = label
        by_type_zone.setdefault((etype, zone), []).append(iri)
        home[iri] = zone

    def relate(s: str, p: str, o: str) -> None:
        article = rng.choice(articles)
        evidence = [Evidence(s, p, o, f"{view.nodes[s].label}与{view.nodes[o].label}相关的合成句子{k}。",
                             article if k == 0 else rng.choice(articles),
                             round(rng.uniform(0.6, 0.95), 2), rng.random() < 0.15)
                    for k in range(1 + (rng.random() < 0.3) + (rng.random() < 0.1))]
        view.edges.setdefault(edge_key(s, p, o), []).extend(evidence)

    for z in range(zones):
        add(f"urn:zg-bench:zone/{z}", f"合成新区{z}", "Zone", z)
    for i in range(zones, n):
        etype = rng.choice(kinds)
        zone = rng.choices(range(zones), weights)[0]
        iri = f"urn:zg-bench:{etype.lower()}/{i}"
        add(iri, f"{etype}{i}号", etype, zone)
        predicate, anchor_types = ANCHORS[etype]
        candidates = [a for t in anchor_types for a in by_type_zone.get((t, zone), [])
                      if a != iri]
        if candidates:
            anchor = rng.choice(candidates[-50:])
            relate(iri, predicate, anchor)
            if predicate == "memberOf":
                posts.append(Post(iri, anchor, "负责人"))
    cooperating = [i for i, e in view.nodes.items() if e.type in COOPERATING]
    for _ in range(int(0.4 * n) if len(cooperating) > 1 else 0):
        a, b = rng.sample(cooperating, 2)  # mostly across zones, as the news reports it
        relate(a, "cooperatesWith", b)
    view.posts = tuple(sorted(posts))
    return view


def measure(n: int, *, browser=None, out_dir: Path | None = None, seed: int = 0) -> dict:
    """Write the whole-graph view of a synthetic ``n``-node graph and time it; with a
    ``zonegraph.views.browser.Browser``, also the time until Chromium has drawn it."""
    from zonegraph.views.page import ViewOptions, render

    view = synthetic_view_graph(n, seed=seed)
    out_dir = Path(out_dir or tempfile.mkdtemp(prefix="zonegraph-bench-"))
    start = time.perf_counter()
    rendered = render(view, out_dir / f"bench-{n}.html", ViewOptions(title=f"bench {n}"))
    row = {"nodes": rendered.nodes, "edges": rendered.edges,
           "write_s": round(time.perf_counter() - start, 2),
           "mb": round(rendered.path.stat().st_size / 1e6, 1),
           "physics": not rendered.precomputed}
    if browser is not None:
        start = time.perf_counter()
        page = browser.open(rendered.path, timeout=300)
        page.wait_for("document.body.dataset.ready === '1'", timeout=300)
        row["drawn_s"] = round(int(page.evaluate("document.body.dataset.firstDrawMs")) / 1000, 2)
        row["wall_s"] = round(time.perf_counter() - start, 2)
        row["nodes_drawn"] = int(page.evaluate("document.body.dataset.nodesDrawn"))
        row["console_errors"] = len(page.errors)
        page.close()
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/viz_bench.py",
                                     description="Time writing and drawing synthetic views.")
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--no-browser", action="store_true", help="Only time writing the page.")
    parser.add_argument("--json", action="store_true", help="Print one JSON object per size.")
    parser.add_argument("--out", type=Path, help="Keep the pages in this folder.")
    args = parser.parse_args(argv)

    from zonegraph.views.browser import Browser, find_chromium

    browser = None
    if not args.no_browser:
        if not find_chromium():
            print("error: no Chromium found (apt-get install chromium); use --no-browser",
                  file=sys.stderr)
            return 1
        browser = Browser()
    try:
        if not args.json:
            print(f"{'nodes':>7} {'edges':>7} {'write s':>8} {'MB':>5} {'physics':>7} "
                  f"{'drawn s':>8} {'wall s':>7} {'drawn':>7} {'errors':>6}")
        for n in args.sizes:
            row = measure(n, browser=browser, out_dir=args.out)
            if args.json:
                print(json.dumps(row))
            else:
                print(f"{row['nodes']:>7} {row['edges']:>7} {row['write_s']:>8} {row['mb']:>5} "
                      f"{'on' if row['physics'] else 'off':>7} {row.get('drawn_s', '-'):>8} "
                      f"{row.get('wall_s', '-'):>7} {row.get('nodes_drawn', '-'):>7} "
                      f"{row.get('console_errors', '-'):>6}", flush=True)
    finally:
        if browser is not None:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
