"""``zonegraph view`` and ``zonegraph analyze``: the interactive network and its figures,
over the same selection of the graph."""
from __future__ import annotations

from pathlib import Path

import click

from .options import (echo_undated, lang_option, library_errors, raw_option, store_option,
                      view_filter_options)

#: Columns of the table format (csv and json carry every field).
NODE_COLUMNS = ("name", "type", "degree", "betweenness", "community", "articles", "bridges")
EDGE_COLUMNS = ("source", "relation", "target", "articles", "sentences", "planned_only")
SORT_KEYS = ("betweenness", "degree", "weighted_degree", "articles", "name")


@click.command()
@store_option
@click.option("--cooperation", is_flag=True, help="Zones and the places and organizations they "
              "cooperate with; one edge per pair, width = supporting articles.")
@click.option("--zones-only", is_flag=True, help="The cooperation view with zones only.")
@click.option("--focus", metavar="NAME", help="Show the neighbourhood of the entity with this "
              "name (any of its names).")
@click.option("--depth", type=click.IntRange(1, 5), default=1, show_default=True,
              help="With --focus: how many relations away.")
@view_filter_options
@lang_option
@click.option("--size-by", type=click.Choice(["degree", "betweenness", "articles"]),
              default="degree", show_default=True, help="Node size.")
@click.option("--color-by", type=click.Choice(["type", "community"]), default="type",
              show_default=True, help="Node colour: entity type or Louvain community.")
@click.option("--physics-limit", type=click.IntRange(0), default=500, show_default=True,
              help="Above this many nodes the layout is precomputed and physics is off.")
@click.option("--title", help="Page title.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("zonegraph-view.html"),
              show_default=True)
@raw_option
@library_errors
def view(store, cooperation, zones_only, focus, depth, filters, lang, size_by, color_by,
         physics_limit, title, out, raw):
    """Write an interactive network view (one self-contained HTML file that works offline):
    legend with type toggles, search, and a details panel with the evidence for each link.

    \b
    Example:
      zonegraph view --focus 两江新区 --depth 2 --out liangjiang.html
      zonegraph view --cooperation --since 2024 --out cooperation.html
    """
    from ..views.page import ViewOptions, render
    from ..views.viewgraph import Selection, load_selection

    selection = Selection(filters, cooperation, zones_only, focus, depth)
    graph = load_selection(store, selection, lang, raw)
    _say_undated(graph, filters)
    result = render(graph, out, ViewOptions(title or selection.title, size_by, color_by,
                                            physics_limit))
    click.echo(f"wrote {out} ({result.nodes} nodes, {result.edges} edges)")
    if result.precomputed:
        click.echo(f"{result.nodes} nodes > {physics_limit}: layout precomputed with networkx, "
                   "physics off")


@click.command()
@store_option
@click.option("--cooperation", is_flag=True,
              help="Analyse the zone-cooperation network (weights = supporting articles).")
@click.option("--zones-only", is_flag=True, help="The cooperation network with zones only.")
@click.option("--focus", metavar="NAME", help="Only the neighbourhood of this entity.")
@click.option("--depth", type=click.IntRange(1, 5), default=1, show_default=True,
              help="With --focus: how many relations away.")
@view_filter_options
@lang_option
@click.option("--edges", "show_edges", is_flag=True,
              help="One row per linked pair (articles, sentences) instead of one per entity.")
@click.option("--sort-by", type=click.Choice(SORT_KEYS), default="betweenness", show_default=True,
              help="Order of the entity rows (largest first; name alphabetically).")
@click.option("--top", type=click.IntRange(1), help="Only the first N rows.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@raw_option
@library_errors
def analyze(store, cooperation, zones_only, focus, depth, filters, lang, show_edges, sort_by, top,
            fmt, raw):
    """Degree and betweenness centrality, Louvain communities, entities that bridge zones,
    and the weighted zone-cooperation network — one row per entity (or per pair with
    --edges).

    \b
    Example:
      zonegraph analyze --top 20
      zonegraph analyze --cooperation --edges --format csv > cooperation.csv
    """
    from ..views.analyze import edge_rows, format_rows, node_rows
    from ..views.viewgraph import Selection, load_selection

    graph = load_selection(store, Selection(filters, cooperation, zones_only, focus, depth), lang,
                           raw)
    _say_undated(graph, filters)
    if show_edges:
        rows, columns = edge_rows(graph), EDGE_COLUMNS
    else:
        rows, columns = node_rows(graph), NODE_COLUMNS
        if sort_by != "betweenness":
            rows.sort(key=lambda r: r["name"] if sort_by == "name" else -r[sort_by])
    rows = rows[:top] if top else rows
    if fmt != "table":
        click.echo(format_rows(rows, fmt), nl=False)
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(*columns, caption=Text(" · ".join(graph.notes)) if graph.notes else None)
    for row in rows:  # Text: names from documents are not rich markup
        table.add_row(*[Text(_cell(row[c])) for c in columns])
    console = Console(soft_wrap=False)
    if not console.is_terminal:  # piped: do not cut names at rich's default 80 columns
        console = Console(soft_wrap=False, width=160)
    console.print(table)
    click.echo(f"{len(rows)} row(s) of {len(graph.edges) if show_edges else len(graph.nodes)}")


def _cell(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def _say_undated(graph, filters) -> None:
    """A date range never leaves articles without a date out silently."""
    from ..views.viewgraph import undated_articles

    if filters.since or filters.until:
        echo_undated(undated_articles(graph), filters.undated, "--since/--until")
