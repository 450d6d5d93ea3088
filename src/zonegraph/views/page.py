"""Interactive network views: one self-contained HTML file per view, drawn by pyvis.

pyvis renders the page from ZoneGraph's template (``resources/view.html.j2``), which
inlines pyvis's copy of vis-network and ZoneGraph's own script and styles (legend with
type toggles, search, details panel): the file opens offline in any browser. Nodes and
edges are filled into ``Network.nodes`` / ``Network.edges`` directly — ``from_nx`` and
``add_node`` loops grow quadratically (200 s at 20,000 nodes).

Text from documents never reaches the page as HTML: node and edge data go through
JSON with ``<``, ``>`` and ``&`` escaped (so a ``</script>`` in a sentence cannot close the
script element), the page script inserts it with ``textContent``, and tooltips are plain
text (vis-network sets ``innerText``).

Every view gets positions computed in Python (``zonegraph.views.layout``). Above
``PHYSICS_LIMIT`` nodes they are final and physics is off — vis-network's physics needs
minutes to settle thousands of nodes, a drawn layout is there at once; smaller views keep
physics (nodes can be dragged about) and start from them, so it settles in a second.
"""
from __future__ import annotations

import html
import json
import math
import os
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from .. import __version__
from .analyze import METRICS, communities, node_metric, to_networkx
from .layout import precomputed_layout
from .viewgraph import SYMMETRIC, ViewGraph, article_count

#: Above this many nodes the layout is computed in Python and physics is off.
PHYSICS_LIMIT = 500
#: Above this many nodes edges are hidden while dragging or zooming (keeps panning smooth).
BIG_VIEW = 2000

TYPE_NAMES = {"Zone": "国家级新区", "Park": "园区", "Enterprise": "企业", "Institution": "机构",
              "GovernmentBody": "党政机关", "Person": "人物", "Fund": "基金", "Policy": "政策文件",
              "Program": "计划项目", "Place": "地点", "Event": "活动"}
COLORS = {"Zone": "#d62728", "Park": "#2ca02c", "Enterprise": "#1f77b4", "Institution": "#9467bd",
          "GovernmentBody": "#8c564b", "Person": "#e377c2", "Fund": "#bcbd22", "Policy": "#17becf",
          "Program": "#ff7f0e", "Place": "#7f7f7f", "Event": "#6baed6"}
#: vis-network shapes that keep the label below the node (so sizes mean something).
SHAPES = {"Zone": "star", "Park": "triangle", "Enterprise": "dot", "Institution": "hexagon",
          "GovernmentBody": "square", "Person": "triangleDown", "Fund": "diamond",
          "Policy": "square", "Program": "hexagon", "Place": "dot", "Event": "triangle"}
SYMBOLS = {"star": "★", "triangle": "▲", "dot": "●", "hexagon": "⬢", "square": "■",
           "triangleDown": "▼", "diamond": "◆"}
RELATION_COLORS = {"cooperatesWith": "#e6550d", "memberOf": "#de77ae", "locatedIn": "#31a354",
                   "partOf": "#969696", "issuedBy": "#3182bd", "launchedBy": "#bcbd22"}
COMMUNITY_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                    "#e377c2", "#17becf", "#bcbd22", "#393b79", "#637939", "#ad494a")
OTHER_COLOR = "#b0b0b0"
ATTRIBUTE_NAMES = {"amountCNY": "Fund size · 规模", "issued": "Issued · 发布日期",
                   "approvalDate": "Approved · 获批日期", "gazetteerId": "Gazetteer id"}
TOOLTIP_SENTENCES = 4


@dataclass(frozen=True)
class ViewOptions:
    """How to draw: page title, node size and colour, and the physics threshold."""

    title: str = "ZoneGraph"
    size_by: str = "degree"      # one of analyze.METRICS
    color_by: str = "type"       # "type" or "community"
    physics_limit: int = PHYSICS_LIMIT
    seed: int = 0


@dataclass(frozen=True)
class RenderedView:
    """What was written: the file, its node and edge counts, and the notes it shows."""

    path: Path
    nodes: int
    edges: int
    precomputed: bool
    notes: tuple[str, ...]


def script_json(value) -> str:
    """JSON that is safe inside ``<script>``: ``<``, ``>``, ``&`` and the JS line separators
    escaped as ``\\uXXXX`` (JSON.parse reads them back unchanged)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def escape_html(text: str) -> str:
    """HTML-escape text for element content and attribute values."""
    return html.escape(text, quote=True)


def format_amount(value: str) -> str:
    """``3000000000`` → ``30亿元 (3,000,000,000 CNY)``, as Chinese news writes fund sizes."""
    try:
        amount = float(value)
    except ValueError:
        return value
    if amount >= 1e8:
        short = f"{amount / 1e8:g}亿元"
    elif amount >= 1e4:
        short = f"{amount / 1e4:g}万元"
    else:
        short = f"{amount:g}元"
    return f"{short} ({amount:,.0f} CNY)"


def _scaled(values: dict, lo: float, hi: float) -> dict:
    """Square-root scaling of a metric to node sizes in [lo, hi] (area ∝ metric)."""
    top = max(values.values(), default=0) or 1
    return {k: round(lo + (hi - lo) * math.sqrt(max(v, 0) / top), 1) for k, v in values.items()}


def _edge_tooltip(view: ViewGraph, key, evidence, articles) -> str:
    s, p, o = key
    arrow = " ↔ " if p == SYMMETRIC else " → "
    n = article_count(evidence)
    lines = [f"{view.nodes[s].label}{arrow}{view.nodes[o].label}",
             f"{p} · {n} article{'s' if n != 1 else ''}, {len(evidence)} sentence(s)"]
    for e in evidence[:TOOLTIP_SENTENCES]:
        a = articles.get(e.article)
        sentence = e.sentence if len(e.sentence) <= 160 else e.sentence[:159] + "…"
        lines.append(f"• {sentence}" + ("（计划）" if e.planned else ""))
        if a is not None:
            lines.append("   — " + " · ".join(x for x in (f"《{a.title}》" if a.title else "",
                                                           a.source, a.date, a.url) if x))
    if len(evidence) > TOOLTIP_SENTENCES:
        lines.append(f"… {len(evidence) - TOOLTIP_SENTENCES} more: click the link")
    return "\n".join(lines)


def _as_written(view: ViewGraph, key, e) -> str:
    """The pair as the sentence named it, when a roll-up (organ → zone) changed it."""
    if {e.subject, e.object} == {key[0], key[2]}:
        return ""
    return f"{view.labels.get(e.subject, e.subject)} — {view.labels.get(e.object, e.object)}"


def _community_colors(view: ViewGraph, G, seed: int) -> tuple[dict, list, int]:
    """Node → colour by Louvain community, the legend rows, and how many were found.

    The twelve largest communities get a colour each; the rest and single nodes share
    grey, since more hues than that cannot be told apart.
    """
    members: dict[int, list[str]] = {}
    for iri, c in communities(G, seed=seed).items():
        members.setdefault(c, []).append(iri)
    colors, legend, rest = {}, [], 0
    for c, nodes in sorted(members.items()):
        if c < len(COMMUNITY_COLORS) and len(nodes) > 1:
            colors.update((iri, COMMUNITY_COLORS[c]) for iri in nodes)
            hub = max(nodes, key=lambda i: (G.degree(i), view.nodes[i].label))
            legend.append({"id": c, "color": COMMUNITY_COLORS[c], "count": len(nodes),
                           "label": f"{c + 1}: {view.nodes[hub].label} …"})
        else:
            colors.update((iri, OTHER_COLOR) for iri in nodes)
            rest += len(nodes)
    if rest:
        legend.append({"id": -1, "color": OTHER_COLOR, "count": rest,
                       "label": "other / single · 其他"})
    return colors, legend, len(members)


def build_page_data(view: ViewGraph, options: ViewOptions):
    """vis nodes, vis edges, the details JSON object and the notes, for ``render``."""
    iris = sorted(view.nodes)
    ids = {iri: i for i, iri in enumerate(iris)}
    G = to_networkx(view)
    metric = node_metric(view, options.size_by, G)
    big = len(iris) > BIG_VIEW
    sizes = _scaled(metric, 6 if big else 10, 30 if big else 42)
    notes = list(view.notes)
    precomputed = len(iris) > options.physics_limit
    # small views start from these positions too: physics then settles in a few
    # iterations instead of hundreds (a 500-node view stabilizes ~4x faster)
    positions = precomputed_layout(G, seed=options.seed)
    if precomputed:
        notes.append(f"{len(iris):,} nodes > {options.physics_limit:,}: layout precomputed "
                     "with networkx, physics off")

    colors = {iri: COLORS.get(view.nodes[iri].type, OTHER_COLOR) for iri in iris}
    legend_communities = []
    if options.color_by == "community":
        by_community, legend_communities, found = _community_colors(view, G, options.seed)
        colors.update(by_community)
        notes.append(f"colour: Louvain community ({found} found)")

    article_index = {a: i for i, a in enumerate(sorted(view.articles))}
    articles_json = [[view.articles[a].title, view.articles[a].source, view.articles[a].date,
                      view.articles[a].url] for a in sorted(view.articles)]
    vis_nodes, details = [], {}
    for iri in iris:
        n = view.nodes[iri]
        also = f"\n{'、'.join(n.names[:6])}" if n.names else ""
        node = {"id": ids[iri], "label": n.label, "group": n.type,
                "title": f"{n.label} ({n.type} · {TYPE_NAMES.get(n.type, '')}){also}",
                "color": colors[iri], "shape": SHAPES.get(n.type, "dot"), "size": sizes[iri]}
        if iri in positions:
            node["x"], node["y"] = positions[iri]
        if n.corrections:  # corrected by an analyst: a dashed ring
            node.update(borderWidth=3, shapeProperties={"borderDashes": [4, 3]})
        vis_nodes.append(node)
        attrs = [[ATTRIBUTE_NAMES.get(k, k), format_amount(v) if k == "amountCNY" else v]
                 for k, v in sorted(n.attributes.items())]
        details[ids[iri]] = {"label": n.label, "names": list(n.names), "types": list(n.types),
                             "attrs": attrs, "posts": [], "edges": [],
                             "articles": [article_index[a] for a in n.articles
                                          if a in article_index],
                             "metric": round(metric[iri], 4),
                             "corrections": list(n.corrections)}
    for post in view.posts:
        for me, other in ((post.person, post.organization), (post.organization, post.person)):
            if me in ids:
                other_label = view.labels.get(other, "")
                if other_label:
                    details[ids[me]]["posts"].append([post.title, other_label, ids.get(other, -1)])

    vis_edges, edge_details, relation_counts = [], {}, {}
    for j, (key, evidence) in enumerate(sorted(view.edges.items())):
        s, p, o = key
        if s not in ids or o not in ids:
            continue
        n_articles = article_count(evidence)
        relation_counts[p] = relation_counts.get(p, 0) + 1
        vis_edges.append({"id": j, "from": ids[s], "to": ids[o],
                          "width": max(1, min(n_articles, 12)),
                          "color": {"color": RELATION_COLORS.get(p, OTHER_COLOR), "opacity": 0.75},
                          "arrows": "" if p == SYMMETRIC else "to",
                          # dotted: added by an analyst; dashed: planned only
                          "dashes": ([2, 6] if evidence and all(e.curated for e in evidence)
                                     else bool(evidence) and all(e.planned for e in evidence)),
                          "title": _edge_tooltip(view, key, evidence, view.articles)})
        edge_details[j] = {"from": ids[s], "to": ids[o], "relation": p, "articles": n_articles,
                           "evidence": [[e.sentence, article_index.get(e.article, -1),
                                         e.confidence, e.planned, _as_written(view, key, e),
                                         e.curated]
                                        for e in evidence]}
        details[ids[s]]["edges"].append(j)
        details[ids[o]]["edges"].append(j)

    type_counts: dict[str, int] = {}
    for iri in iris:
        type_counts[view.nodes[iri].type] = type_counts.get(view.nodes[iri].type, 0) + 1
    types = [{"type": t, "name": f"{t} · {TYPE_NAMES[t]}",
              "color": COLORS[t] if options.color_by == "type" else "#555",
              "symbol": SYMBOLS[SHAPES[t]], "count": type_counts[t]}
             for t in TYPE_NAMES if t in type_counts]
    page = {"title": options.title, "notes": notes, "sizeBy": f"node size: {options.size_by}",
            "colorBy": options.color_by, "physics": not precomputed, "types": types,
            "communities": legend_communities,
            "relations": [{"name": p, "color": RELATION_COLORS.get(p, OTHER_COLOR), "count": c}
                          for p, c in sorted(relation_counts.items())],
            "articles": articles_json, "nodes": details, "edges": edge_details}
    return vis_nodes, vis_edges, page, precomputed, tuple(notes)


def vis_options(n_nodes: int, physics: bool, seed: int = 0) -> dict:
    """vis-network options: straight edges (curved ones cost physics time ~7×), bounded
    stabilization for small graphs, no physics and cheap interaction for big ones."""
    big = n_nodes > BIG_VIEW
    return {
        "autoResize": True,
        "nodes": {"borderWidth": 1,
                  "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff",
                           "face": "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"}},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 0.5,
                  "arrows": {"to": {"scaleFactor": 0.5}}},
        "physics": ({"enabled": True, "solver": "barnesHut",
                     "barnesHut": {"gravitationalConstant": -4500, "centralGravity": 0.45,
                                   "springLength": 100, "springConstant": 0.05,
                                   "damping": 0.35, "avoidOverlap": 0.2},
                     "minVelocity": 1.0,
                     "stabilization": {"enabled": True, "iterations": 120, "updateInterval": 50,
                                       "fit": True}}
                    if physics else {"enabled": False}),
        "interaction": {"hover": not big, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "keyboard": False},
        "layout": {"randomSeed": seed, "improvedLayout": physics and n_nodes <= 150},
    }


def _resource(name: str) -> str:
    return (resources.files("zonegraph.views") / "resources" / name).read_text(encoding="utf-8")


def render(view: ViewGraph, out: Path, options: ViewOptions = ViewOptions()) -> RenderedView:
    """Write ``view`` as one self-contained HTML page at ``out``."""
    html_text, result = page_html(view, options)
    return replace(result, path=write_page(html_text, out))


def write_page(html_text: str, out: Path) -> Path:
    """Write a page at ``out``, complete or not at all (under a ``.part`` name, then
    renamed), making its folder if needed."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(html_text, encoding="utf-8")
    tmp.replace(out)
    return out


def page_html(view: ViewGraph, options: ViewOptions = ViewOptions()) -> tuple[str, RenderedView]:
    """``view`` as the text of one self-contained HTML page, and what it shows (a
    ``RenderedView`` whose ``path`` is empty: nothing is written)."""
    import pyvis
    from pyvis.network import Network

    if options.size_by not in METRICS:
        raise ValueError(f"size_by must be one of {', '.join(METRICS)}")
    if options.color_by not in ("type", "community"):
        raise ValueError("color_by must be 'type' or 'community'")
    vis_nodes, vis_edges, page, precomputed, notes = build_page_data(view, options)
    script = _resource("view.js")
    style = _resource("view.css")
    if "</script" in script.lower() or "</style" in style.lower():
        raise RuntimeError("view.js/view.css must not contain a closing tag")

    net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line")
    net.nodes = vis_nodes
    net.edges = vis_edges
    net.options = vis_options(len(vis_nodes), not precomputed, options.seed)
    pyvis_templates = os.path.join(os.path.dirname(pyvis.__file__), "templates")
    net.set_template_dir([str(resources.files("zonegraph.views") / "resources"), pyvis_templates],
                         "view.html.j2")
    env = net.templateEnv
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False,
                                         "separators": (",", ":")}
    env.globals["zg"] = {"title": escape_html(options.title), "data": script_json(page),
                         "js": script, "css": style, "version": __version__}
    html_text = net.generate_html(notebook=False)
    return html_text, RenderedView(Path(), len(vis_nodes), len(vis_edges), precomputed, notes)
