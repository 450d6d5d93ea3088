"""Dated snapshots for reports: a folder that stands on its own.

``write_snapshot`` cuts the store at a date (``zonegraph.reports.asof``) and writes the graph
(TriG, JSON-LD), node and edge tables (CSV, GraphML, GEXF), the cooperation figure (SVG,
PNG) and interactive view, a report (Markdown, HTML) and ``manifest.json``. Everything but
the manifest's creation time is a function of the store and the date — sorted output,
stable IRIs, no timestamps — so two snapshots of the same store and date are byte-identical
and a snapshot folder can be committed and compared with ``zonegraph diff``.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from ..errors import ZoneGraphError
from ..graph.namespace import PREFIXES
from .asof import MemoryGraph, as_of_quads

MANIFEST = "manifest.json"
#: Files of a snapshot, in the order the manifest lists their hashes.
FILES = ("graph.trig", "graph.jsonld", "nodes.csv", "edges.csv", "graph.graphml", "graph.gexf",
         "cooperation.svg", "cooperation.png", "view.html", "report.md", "report.html")


@dataclass(frozen=True)
class Snapshot:
    """A snapshot folder that has been checked: its path and its manifest."""

    path: Path
    manifest: dict

    @property
    def as_of(self) -> str:
        return self.manifest.get("as_of", "")

    @property
    def name(self) -> str:
        return f"{self.path.name} ({self.as_of})" if self.as_of else self.path.name

    def graph(self) -> MemoryGraph:
        trig = self.path / "graph.trig"
        if not trig.is_file():
            raise ZoneGraphError(f"{self.path}: snapshot has no graph.trig")
        return MemoryGraph.from_trig(trig)


def open_snapshot(path: Path) -> Snapshot:
    """Check that ``path`` is a snapshot folder and read its manifest."""
    path = Path(path)
    manifest = path / MANIFEST
    if not manifest.is_file():
        raise ZoneGraphError(f"{path}: not a snapshot (no {MANIFEST})")
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ZoneGraphError(f"{manifest}: unreadable ({exc})") from None
    if not isinstance(data, dict) or "as_of" not in data:
        raise ZoneGraphError(f"{path}: not a snapshot ({MANIFEST} has no as_of)")
    return Snapshot(path, data)


def canonical(view):
    """``view`` with nodes and edges in IRI order: Oxigraph returns rows in no fixed order,
    and layouts and roll-ups follow insertion order, so sorting makes figures repeatable."""
    from dataclasses import replace

    return replace(view, nodes=dict(sorted(view.nodes.items())),
                   edges=dict(sorted(view.edges.items())))


def last_day(bound: str) -> str:
    """``2024-02-31`` (what ``parse_date_bound`` gives for the end of ``2024-02``) →
    ``2024-02-29``: a snapshot's date is printed and stored, so it must be a real day."""
    import calendar

    year, month, day = (int(x) for x in bound.split("-"))
    return f"{year:04d}-{month:02d}-{min(day, calendar.monthrange(year, month)[1]):02d}"


def _documents(graph: MemoryGraph) -> list[dict]:
    rows = graph.select("""
        SELECT ?sha ?name (COUNT(DISTINCT ?a) AS ?n) (MIN(?d) AS ?first) (MAX(?d) AS ?last)
        WHERE { ?doc a zg:Document ; zg:sha256 ?sha ; zg:fileName ?name .
                ?a zg:inDocument ?doc . OPTIONAL { ?a dcterms:date ?d } }
        GROUP BY ?sha ?name ORDER BY ?name ?sha""")
    return [{"file": r["name"], "sha256": r["sha"], "articles": int(r["n"]),
             "first_date": r.get("first", "")[:10], "latest_date": r.get("last", "")[:10]}
            for r in rows]


def _left_out(store, day: str) -> dict:
    """Articles of the store not in the snapshot: dated after ``day``, or undated (an
    article without a date of its own or of its document cannot be placed in time)."""
    rows = store.select("""
        SELECT ?a ?d WHERE { ?a a zg:Article .
          OPTIONAL { ?a dcterms:date ?ad } OPTIONAL { ?a zg:inDocument/dcterms:date ?dd }
          BIND (COALESCE(STR(?ad), STR(?dd), "") AS ?d) }""")
    dates = {r["a"]: r.get("d", "")[:10] for r in rows}
    return {"articles_after": sum(1 for d in dates.values() if d and d > day),
            "articles_undated": sum(1 for d in dates.values() if not d)}


def _serialize(items, out: Path, fmt_name: str, prefixes: dict | None) -> None:
    import pyoxigraph as ox

    kwargs = {"prefixes": prefixes} if prefixes else {}
    with out.open("wb") as fh:
        ox.serialize(items, fh, getattr(ox.RdfFormat, fmt_name), **kwargs)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _prepare(out: Path) -> None:
    """Refuse to write into a folder that holds something other than a snapshot."""
    if out.exists() and not out.is_dir():
        raise ZoneGraphError(f"{out}: is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise ZoneGraphError(f"{out}: folder is not empty and not a snapshot; "
                             "choose a new folder")
    out.mkdir(parents=True, exist_ok=True)


def write_snapshot(store_path: Path, as_of: str, out: Path, *, title: str | None = None,
                   since: Path | None = None, undated: str = "exclude",
                   lang: str = "zh") -> dict:
    """Write a snapshot of the store as of ``as_of`` (YYYY, YYYY-MM or YYYY-MM-DD: the
    last day of that period) into the folder ``out``, names in ``lang`` (``zh``, or ``en``
    where an official English name exists); return its manifest. Articles without a date
    are left out unless ``undated`` is ``include``; the manifest counts them either way
    (``left_out``, ``undated_kept``)."""
    from ..store.graph_store import GraphStore
    from ..views.page import ViewOptions, render
    from ..views.viewgraph import cooperation, load_view_graph, parse_date_bound
    from .diff import compare, corrections, read_facts
    from .figure import figure_svg, find_cjk_font, layout_figure, render_png
    from .report import build_report, counts, report_html, report_markdown
    from .tables import (
        EDGE_FIELDS,
        NODE_FIELDS,
        edge_rows,
        node_rows,
        to_gephi_graph,
        write_csv,
        write_gexf,
        write_graphml,
    )

    day = last_day(parse_date_bound(as_of, end=True))
    previous = open_snapshot(since) if since is not None else None
    # read everything that can fail before writing anything (--since-snapshot may even be
    # the folder about to be replaced)
    previous_facts = read_facts(previous.graph()) if previous is not None else None
    font = find_cjk_font()
    out = Path(out)
    _prepare(out)
    with GraphStore(store_path, read_only=True) as gs:
        quads = as_of_quads(gs.ox, day, keep_undated=undated == "include")
        left_out = _left_out(gs, day)
    undated_kept = left_out["articles_undated"] if undated == "include" else 0
    left_out["articles_undated"] -= undated_kept
    graph = MemoryGraph(quads)
    view = canonical(load_view_graph(graph, lang))
    title = title or f"ZoneGraph snapshot {day}"

    _serialize(quads, out / "graph.trig", "TRIG", dict(PREFIXES))
    _serialize(graph.union_triples(), out / "graph.jsonld", "JSON_LD", None)
    nodes, edges = node_rows(view), edge_rows(view)
    write_csv(nodes, NODE_FIELDS, out / "nodes.csv")
    write_csv(edges, EDGE_FIELDS, out / "edges.csv")
    gephi = to_gephi_graph(view)
    write_graphml(gephi, out / "graph.graphml")
    write_gexf(gephi, out / "graph.gexf", day)

    coop = canonical(cooperation(view))
    fig = layout_figure(coop, f"{title} · 新区合作网络",
                        f"as of {day}: {len(coop.nodes)} nodes, {len(coop.edges)} pairs")
    (out / "cooperation.svg").write_text(figure_svg(fig), encoding="utf-8")
    render_png(fig, out / "cooperation.png", font)
    render(coop, out / "view.html", ViewOptions(title=f"{title}: zone cooperation"))

    diff = None
    if previous is not None:
        diff = compare(previous_facts, read_facts(graph), previous.name, f"{out.name} ({day})")
    documents = _documents(graph)
    blocks = build_report(view, title=title, as_of=day, documents=len(documents), since=diff,
                          since_date=previous.as_of if previous else "",
                          undated=(left_out["articles_undated"], undated_kept))
    (out / "report.md").write_text(report_markdown(blocks), encoding="utf-8")
    (out / "report.html").write_text(report_html(blocks, "cooperation.png"), encoding="utf-8")

    types, predicates = counts(view)
    manifest = {
        "as_of": day, "title": title, "lang": lang, "zonegraph_version": __version__,
        "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "store": str(Path(store_path).resolve()),
        "since_snapshot": ({"path": str(previous.path), "as_of": previous.as_of}
                           if previous else None),
        "documents": documents,
        "counts": {"documents": len(documents), "articles": len(view.articles),
                   "quads": len(quads), "entities": len(view.nodes), "relations": len(view.edges),
                   "evidence": sum(len(v) for v in view.edges.values()),
                   "cooperation_pairs": len(coop.edges),
                   "entities_by_type": dict(sorted(types.items())),
                   "relations_by_predicate": dict(sorted(predicates.items()))},
        "left_out": left_out,
        "undated_kept": undated_kept,
        "corrections": corrections(graph),
        "files": {name: _sha256(out / name) for name in FILES},
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                encoding="utf-8")
    return manifest


def diff_source(spec: str, store_path: Path, undated: str = "exclude"):
    """``(name, facts, undated articles left out)`` of a snapshot folder (as its manifest
    counts them), or of the store when ``spec`` is ``store``: its articles without a date
    are left out, as a snapshot leaves them out, unless ``undated`` is ``include``."""
    from ..store.graph_store import GraphStore
    from .diff import read_facts

    if spec == "store":
        with GraphStore(store_path, read_only=True) as gs:
            if undated == "include":
                return f"store {store_path}", read_facts(gs), 0
            left_out = _left_out(gs, LAST_DAY)["articles_undated"]
            graph = MemoryGraph(as_of_quads(gs.ox, LAST_DAY)) if left_out else gs
            return f"store {store_path}", read_facts(graph), left_out
    snap = open_snapshot(Path(spec))
    return snap.name, read_facts(snap.graph()), snap.manifest.get("left_out", {}).get(
        "articles_undated", 0)


#: A date after every article's: the store cut by nothing but its undated articles.
LAST_DAY = "9999-12-31"
