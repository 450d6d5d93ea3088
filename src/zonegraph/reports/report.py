"""The snapshot report: counts, zone rankings, the cooperation table, funds, policies and
what is new since the previous snapshot — as Markdown and as HTML.

The report is built once as a list of blocks (headings, paragraphs, tables of plain text)
and each format renders the blocks itself, so the HTML needs no Markdown parser and every
piece of document text is escaped exactly once, where it is written.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from ..ingest.metadata import web_url
from ..views.page import TYPE_NAMES, format_amount
from ..views.viewgraph import (
    TYPE_ORDER,
    ViewGraph,
    article_count,
    cooperation,
    zone_organs,
)
from .diff import Diff, md_cell

SENTENCE_CHARS = 120


@dataclass(frozen=True)
class Block:
    """``kind`` is ``h1``, ``h2``, ``h3``, ``p`` or ``table`` (``rows[0]`` = header)."""

    kind: str
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SENTENCE_CHARS else text[:SENTENCE_CHARS - 1] + "…"


def _dates(view: ViewGraph, articles) -> list[str]:
    return sorted(d for d in (view.articles[a].date for a in articles if a in view.articles) if d)


def zone_rankings(view: ViewGraph) -> tuple[list[tuple], list[tuple]]:
    """(zone, partners) and (zone, enterprises), largest first.

    Partners come from the cooperation roll-up (a zone's organs count as the zone);
    enterprises are located in the zone directly or through its parks and organs.
    """
    coop = cooperation(view)
    zones = sorted(i for i, n in view.nodes.items() if n.type == "Zone")
    partners = {z: set() for z in zones}
    for s, _, o in coop.edges:
        for a, b in ((s, o), (o, s)):
            if a in partners:
                partners[a].add(b)
    up: dict[str, set[str]] = {}
    for s, p, o in view.edges:
        if p in ("locatedIn", "partOf"):
            up.setdefault(s, set()).add(o)
    for organ, zone in zone_organs(view).items():
        up.setdefault(organ, set()).add(zone)

    def zones_of(iri: str) -> set[str]:
        seen, todo = set(), [iri]
        while todo:
            for nxt in up.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen & set(zones)

    enterprises = {z: set() for z in zones}
    for iri, n in view.nodes.items():
        if "Enterprise" in n.types:
            for z in zones_of(iri):
                enterprises[z].add(iri)

    def ranked(sets):
        return sorted(((view.nodes[z].label, len(m)) for z, m in sets.items()),
                      key=lambda r: (-r[1], r[0]))
    return ranked(partners), ranked(enterprises)


def cooperation_rows(view: ViewGraph) -> list[tuple[str, ...]]:
    """Pair, articles, first and latest date, one sentence and its article's web page (to
    cite) — most articles first."""
    coop = cooperation(view)
    rows = []
    for (s, _, o), ev in coop.edges.items():
        dates = _dates(view, {e.article for e in ev})
        first = min(ev, key=lambda e: (view.articles.get(e.article).date
                                       if e.article in view.articles else "", e.article,
                                       e.sentence))
        a, b = sorted((coop.nodes[s].label, coop.nodes[o].label))
        page = view.articles[first.article].url if first.article in view.articles else ""
        rows.append((f"{a} — {b}", str(article_count(ev)), dates[0] if dates else "",
                     dates[-1] if dates else "", _short(first.sentence), page))
    return sorted(rows, key=lambda r: (-int(r[1]), r[0]))


def fund_rows(view: ViewGraph, top: int = 10) -> list[tuple[str, ...]]:
    """The largest funds with their size and who set them up."""
    launchers: dict[str, set[str]] = {}
    for s, p, o in view.edges:
        if p == "launchedBy":
            launchers.setdefault(s, set()).add(view.labels.get(o, o))
    funds = [(float(n.attributes["amountCNY"]), n) for n in view.nodes.values()
             if "Fund" in n.types and n.attributes.get("amountCNY")]
    funds.sort(key=lambda f: (-f[0], f[1].label))
    return [(n.label, format_amount(n.attributes["amountCNY"]),
             "、".join(sorted(launchers.get(n.iri, ()))), (_dates(view, n.articles) or [""])[0])
            for _, n in funds[:top]]


def policy_rows(view: ViewGraph, until: str, since: str = "") -> list[tuple[str, ...]]:
    """Policies issued after ``since`` (exclusive; from the start when empty) up to
    ``until``, by date: a policy with no issue date counts by the date of the first article
    that mentions it; one issued after ``until`` (announced ahead) is left out."""
    issuers: dict[str, set[str]] = {}
    for s, p, o in view.edges:
        if p == "issuedBy":
            issuers.setdefault(s, set()).add(view.labels.get(o, o))
    rows = []
    for n in view.nodes.values():
        if "Policy" not in n.types:
            continue
        issued = n.attributes.get("issued", "")[:10]
        when = issued or (_dates(view, n.articles) or [""])[0]
        if when and (since and when <= since or when > until):
            continue
        rows.append((n.label, issued or (f"{when} (mentioned)" if when else ""),
                     "、".join(sorted(issuers.get(n.iri, ()))), when))
    return [r[:3] for r in sorted(rows, key=lambda r: (r[3], r[0]))]


def counts(view: ViewGraph) -> tuple[dict[str, int], dict[str, int]]:
    """Entities by type and relations by predicate in a view graph (report and manifest)."""
    types: dict[str, int] = {}
    for n in view.nodes.values():
        types[n.type] = types.get(n.type, 0) + 1
    predicates: dict[str, int] = {}
    for _, p, _ in view.edges:
        predicates[p] = predicates.get(p, 0) + 1
    return types, predicates


def build_report(view: ViewGraph, *, title: str, as_of: str, documents: int,
                 since: Diff | None = None, since_date: str = "",
                 undated: tuple[int, int] = (0, 0)) -> list[Block]:
    """The report's blocks for the as-of view graph (and the diff from the last snapshot);
    ``undated`` = (articles without a date left out, kept), which the report states."""
    types, predicates = counts(view)
    left_out, kept = undated
    note = (f" {left_out} article(s) without a date are left out." if left_out else "") + (
        f" {kept} article(s) without a date are included." if kept else "")
    blocks = [Block("h1", title),
              Block("p", f"As of {as_of}: facts from {len(view.articles)} article(s) in "
                         f"{documents} document(s) dated on or before that day.{note}")]
    blocks += [Block("h2", "Counts"),
               Block("table", rows=(("entity type", "类型", "count"),) + tuple(
                   (t, TYPE_NAMES[t], str(types[t])) for t in TYPE_ORDER if t in types)),
               Block("table", rows=(("relation", "count"),) + tuple(
                   (p, str(c)) for p, c in sorted(predicates.items())))]
    by_partners, by_enterprises = zone_rankings(view)
    blocks += [Block("h2", "Zones by cooperation partners"),
               Block("table", rows=(("zone", "partners"),) + tuple(
                   (z, str(n)) for z, n in by_partners)),
               Block("h2", "Zones by enterprises"),
               Block("table", rows=(("zone", "enterprises"),) + tuple(
                   (z, str(n)) for z, n in by_enterprises))]
    coop = cooperation_rows(view)
    blocks += [Block("h2", "Cooperation"),
               Block("table", rows=(("pair", "articles", "first", "latest", "evidence", "page"),)
                     + tuple(coop)) if coop else Block("p", "No cooperation reported.")]
    funds = fund_rows(view)
    blocks += [Block("h2", "Largest funds"),
               Block("table", rows=(("fund", "size", "set up by", "first reported"),)
                     + tuple(funds)) if funds else Block("p", "No fund sizes reported.")]
    policies = policy_rows(view, as_of, since_date)
    period = f"after {since_date} up to {as_of}" if since_date else f"up to {as_of}"
    blocks += [Block("h2", f"Policies issued ({period})"),
               Block("table", rows=(("policy", "issued", "issued by"),) + tuple(policies))
               if policies else Block("p", "None.")]
    if since is not None:
        blocks += [Block("h2", f"New since {since.old_name}")]
        blocks += _diff_blocks(since)
    return blocks


def _diff_blocks(d: Diff) -> list[Block]:
    if d.empty:
        return [Block("p", "No changes.")]
    out = []
    for name, rows in (("Entities added", d.entities_added),
                       ("Entities removed", d.entities_removed)):
        if rows:
            out += [Block("h3", f"{name} ({len(rows)})"),
                    Block("table", rows=(("entity", "type"),) + tuple(
                        (r["label"], r["type"]) for r in rows))]
    for name, rows in (("Relations added", d.relations_added),
                       ("Relations removed", d.relations_removed)):
        if rows:
            out += [Block("h3", f"{name} ({len(rows)})"),
                    Block("table", rows=(("subject", "relation", "object"),) + tuple(
                        (r["subject_label"], r["predicate"], r["object_label"]) for r in rows))]
    if d.attributes_changed:
        out += [Block("h3", f"Attributes changed ({len(d.attributes_changed)})"),
                Block("table", rows=(("entity", "attribute", "old", "new"),) + tuple(
                    (r["label"], r["attribute"], ", ".join(r["old"]), ", ".join(r["new"]))
                    for r in d.attributes_changed))]
    if d.posts_changed:
        out += [Block("h3", f"Posts changed ({len(d.posts_changed)})"),
                Block("table", rows=(("person", "old posts", "new posts"),) + tuple(
                    (r["label"], "; ".join(r["old"]), "; ".join(r["new"]))
                    for r in d.posts_changed))]
    return out


def report_markdown(blocks: list[Block]) -> str:
    out = []
    for b in blocks:
        if b.kind in ("h1", "h2", "h3"):
            out += ["#" * int(b.kind[1]) + " " + md_cell(b.text), ""]
        elif b.kind == "p":
            out += [b.text, ""]
        else:
            header, *rows = b.rows
            out.append("| " + " | ".join(md_cell(c) for c in header) + " |")
            out.append("|" + " --- |" * len(header))
            out += ["| " + " | ".join(f"<{c}>" if web_url(c) else md_cell(c) for c in r) + " |"
                    for r in rows]  # a page URL as an autolink: web_url has no < > | in it
            out.append("")
    return "\n".join(out)


REPORT_CSS = """body{font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;
max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.5}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;
padding:.25rem .6rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
img{max-width:100%;border:1px solid #ddd}"""


def report_html(blocks: list[Block], figure: str = "") -> str:
    """A self-contained page; ``figure`` is the file name of an image shown after the title."""
    esc = html.escape
    title = next((b.text for b in blocks if b.kind == "h1"), "ZoneGraph report")
    out = ["<!DOCTYPE html>", '<html lang="zh-Hans"><head><meta charset="utf-8">',
           f"<title>{esc(title)}</title><style>{REPORT_CSS}</style></head><body>"]
    for i, b in enumerate(blocks):
        if b.kind in ("h1", "h2", "h3"):
            out.append(f"<{b.kind}>{esc(b.text)}</{b.kind}>")
        elif b.kind == "p":
            out.append(f"<p>{esc(b.text)}</p>")
        else:
            header, *rows = b.rows
            out.append("<table><thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in header)
                       + "</tr></thead><tbody>")
            out += ["<tr>" + "".join(f"<td>{_cell_html(c)}</td>" for c in r) + "</tr>"
                    for r in rows]
            out.append("</tbody></table>")
        if i == 1 and figure:
            out.append(f'<p><img src="{esc(figure)}" alt="zone cooperation network"></p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _cell_html(text: str) -> str:
    """A table cell: escaped text, or a link when the cell is an http(s) URL (a page)."""
    if web_url(text):
        return f'<a href="{html.escape(text)}">{html.escape(text)}</a>'
    return html.escape(text)
