"""Node and edge tables of a view graph: CSV for spreadsheets, GraphML and GEXF for Gephi.

All rows come out sorted by IRI and every file is written without timestamps, so the same
graph gives the same bytes (snapshots are meant to be committed and compared). GEXF's
``lastmodifieddate``, which networkx stamps with today's date, is set to a date the
caller passes (a snapshot passes its as-of date).
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import networkx as nx

from ..views.viewgraph import ViewGraph, article_count

NODE_FIELDS = ("id", "label", "type", "types", "aliases", "amountCNY", "issued", "approvalDate",
               "gazetteerId", "articles", "relations", "evidence", "first_date", "latest_date")
EDGE_FIELDS = ("source", "source_label", "predicate", "target", "target_label", "articles",
               "evidence", "first_date", "latest_date", "planned_only")


def _dates(view: ViewGraph, articles) -> list[str]:
    return sorted(d for d in (view.articles[a].date for a in articles if a in view.articles) if d)


def node_rows(view: ViewGraph) -> list[dict]:
    """One row per entity: names, attributes, how many articles, relations and evidence
    sentences involve it, and the first and latest date it is mentioned."""
    relations: dict[str, int] = {}
    evidence: dict[str, int] = {}
    for (s, _, o), ev in view.edges.items():
        for end in {s, o}:
            relations[end] = relations.get(end, 0) + 1
            evidence[end] = evidence.get(end, 0) + len(ev)
    rows = []
    for iri in sorted(view.nodes):
        n = view.nodes[iri]
        dates = _dates(view, n.articles)
        rows.append({"id": iri, "label": n.label, "type": n.type, "types": ";".join(n.types),
                     "aliases": ";".join(n.names),
                     **{k: n.attributes.get(k, "") for k in NODE_FIELDS[5:9]},
                     "articles": len(n.articles), "relations": relations.get(iri, 0),
                     "evidence": evidence.get(iri, 0),
                     "first_date": dates[0] if dates else "",
                     "latest_date": dates[-1] if dates else ""})
    return rows


def edge_rows(view: ViewGraph) -> list[dict]:
    """One row per relation: both ends, supporting articles and sentences, date span."""
    rows = []
    for (s, p, o), ev in sorted(view.edges.items()):
        dates = _dates(view, {e.article for e in ev})
        rows.append({"source": s, "source_label": view.labels.get(s, s), "predicate": p,
                     "target": o, "target_label": view.labels.get(o, o),
                     "articles": article_count(ev), "evidence": len(ev),
                     "first_date": dates[0] if dates else "",
                     "latest_date": dates[-1] if dates else "",
                     "planned_only": "true" if ev and all(e.planned for e in ev) else "false"})
    return rows


def write_csv(rows: list[dict], fields: tuple[str, ...], out: Path) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    Path(out).write_text(buf.getvalue(), encoding="utf-8")


def to_gephi_graph(view: ViewGraph) -> nx.MultiDiGraph:
    """A directed multigraph, one edge per relation keyed by its predicate.

    Node attributes: ``label``, ``type``, ``aliases`` (joined with ``;``), and when known
    ``amountCNY`` (a number) and ``date`` (issued or approved). Edge attributes:
    ``predicate``, ``weight`` (supporting articles), ``evidence``, ``first_date``,
    ``latest_date``. Missing values are left out rather than written empty, so Gephi
    keeps numeric columns numeric.
    """
    G = nx.MultiDiGraph()
    for row in node_rows(view):
        attrs = {"label": row["label"], "type": row["type"], "aliases": row["aliases"],
                 "articles": row["articles"]}
        if row["amountCNY"]:
            attrs["amountCNY"] = float(row["amountCNY"])
        when = row["issued"] or row["approvalDate"]
        if when:
            attrs["date"] = when[:10]
        G.add_node(row["id"], **attrs)
    for row in edge_rows(view):
        G.add_edge(row["source"], row["target"], key=row["predicate"],
                   predicate=row["predicate"], weight=row["articles"], evidence=row["evidence"],
                   first_date=row["first_date"], latest_date=row["latest_date"])
    return G


def write_graphml(G: nx.Graph, out: Path) -> None:
    buf = io.BytesIO()
    nx.write_graphml_xml(G, buf, encoding="utf-8", prettyprint=True)
    Path(out).write_bytes(buf.getvalue())


def write_gexf(G: nx.Graph, out: Path, modified: str) -> None:
    """GEXF 1.2 with ``lastmodifieddate`` = ``modified`` instead of today."""
    text = "\n".join(nx.generate_gexf(G, encoding="utf-8", prettyprint=True)) + "\n"
    text = re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{modified}"', text, count=1)
    Path(out).write_text(text, encoding="utf-8")
