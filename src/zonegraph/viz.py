"""Interactive network views (pyvis), written as one self-contained HTML file.

Nodes and edges are filled into ``pyvis.network.Network`` directly (``from_nx`` and
per-node ``add_node`` loops grow quadratically), the vis-network library is inlined
(``cdn_resources="in_line"``) so the file works offline, and every text that came from a
document is HTML-escaped before it reaches the page.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ZoneGraphError
from .store import GraphStore

COLORS = {"Zone": "#d62728", "Park": "#2ca02c", "Enterprise": "#1f77b4", "Institution": "#9467bd",
          "GovernmentBody": "#8c564b", "Person": "#e377c2", "Fund": "#bcbd22", "Policy": "#17becf",
          "Program": "#ff7f0e", "Place": "#7f7f7f", "Event": "#aec7e8"}
SHAPES = {"Zone": "star", "Person": "dot", "Policy": "square", "Fund": "diamond",
          "Event": "triangle", "Place": "ellipse"}
#: Above this many nodes, physics is turned off and a precomputed layout is used.
PHYSICS_LIMIT = 800


@dataclass
class ViewGraph:
    nodes: dict[str, dict] = field(default_factory=dict)  # iri -> {label, type}
    edges: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)  # -> evidence


def load_view_graph(store: GraphStore) -> ViewGraph:
    """Entities and the relations between them, with evidence sentences."""
    view = ViewGraph()
    for r in store.select("""
        SELECT ?e ?label ?type WHERE {
          VALUES ?cls { zg:Zone zg:Park zg:Enterprise zg:Institution zg:GovernmentBody
                        zg:Person zg:Fund zg:Policy zg:Program zg:Place zg:Event }
          ?e a ?cls ; rdfs:label ?label .
          BIND(STRAFTER(STR(?cls), "#") AS ?type)
        }"""):
        view.nodes.setdefault(r["e"], {"label": r["label"], "type": r["type"]})
    for r in store.select("""
        SELECT ?s ?p ?o ?sentence ?title WHERE {
          ?s ?p ?o . VALUES ?p { zg:memberOf zg:locatedIn zg:partOf zg:cooperatesWith
                                zg:issuedBy zg:launchedBy }
          OPTIONAL { ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                     zg:sentence ?sentence ; prov:wasDerivedFrom/dcterms:title ?title }
        }"""):
        p = r["p"].rsplit("#", 1)[-1]
        s, o = r["s"], r["o"]
        if p == "cooperatesWith" and s > o:
            s, o = o, s
        ev = view.edges.setdefault((s, p, o), [])
        if "sentence" in r:
            line = f"{r['title']}: {r['sentence']}"
            if line not in ev:
                ev.append(line)
    return view


def _find(view: ViewGraph, name: str) -> list[str]:
    hits = [iri for iri, n in view.nodes.items() if n["label"] == name]
    return hits or [iri for iri, n in view.nodes.items() if name in n["label"]]


def ego(view: ViewGraph, name: str, depth: int = 1) -> ViewGraph:
    """The part of ``view`` within ``depth`` links of the entity called ``name``."""
    start = _find(view, name)
    if not start:
        raise ZoneGraphError(f"{name}: no entity of that name in the graph")
    keep = set(start)
    for _ in range(depth):
        more = set()
        for s, _, o in view.edges:
            if s in keep or o in keep:
                more.update((s, o))
        keep |= more
    return ViewGraph({k: v for k, v in view.nodes.items() if k in keep},
                     {k: v for k, v in view.edges.items() if k[0] in keep and k[2] in keep})


def render(view: ViewGraph, out: Path, title: str = "ZoneGraph") -> Path:
    """Write ``view`` as an HTML page; returns the path written."""
    from pyvis.network import Network

    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line",
                  heading="")
    degree: dict[str, int] = {}
    for s, _, o in view.edges:
        degree[s] = degree.get(s, 0) + 1
        degree[o] = degree.get(o, 0) + 1
    ids = {iri: i for i, iri in enumerate(sorted(view.nodes))}
    for iri, n in sorted(view.nodes.items()):
        label = html.escape(n["label"])
        net.nodes.append({"id": ids[iri], "label": label, "title": f"{label} ({n['type']})",
                          "color": COLORS.get(n["type"], "#999999"),
                          "shape": SHAPES.get(n["type"], "dot"),
                          "size": 10 + 3 * min(degree.get(iri, 0), 15), "group": n["type"]})
        net.node_ids.append(ids[iri])
        net.node_map[ids[iri]] = net.nodes[-1]
    for (s, p, o), evidence in sorted(view.edges.items()):
        if s not in ids or o not in ids:
            continue
        tip = html.escape(p) + "".join("\n" + html.escape(e[:200]) for e in evidence[:5])
        net.edges.append({"from": ids[s], "to": ids[o], "title": tip, "label": p,
                          "arrows": "" if p == "cooperatesWith" else "to",
                          "width": 1 + min(len(evidence), 8)})
    net.toggle_physics(len(view.nodes) <= PHYSICS_LIMIT)
    out.parent.mkdir(parents=True, exist_ok=True)
    page = net.generate_html(notebook=False)
    page = page.replace("<head>", f"<head><title>{html.escape(title)}</title>", 1)
    out.write_text(page, encoding="utf-8")
    return out
