"""The ``zonegraph`` command line: each command parses options and calls the library.

Library errors (``ZoneGraphError``) become one ``error: …`` line and exit code 1; a
traceback is shown only with ``--debug``.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from .. import __version__
from ..errors import ZoneGraphError
from ..store.graph_store import DEFAULT_STORE, RDF_FORMATS

EXAMPLE_QUERY = "SELECT ?zone ?name WHERE { ?zone a zg:Zone ; rdfs:label ?name }"


def store_option(func):
    """``--store DIR``, shared by every command that reads or writes the graph."""
    return click.option("--store", type=click.Path(path_type=Path), default=DEFAULT_STORE,
                        show_default=True, envvar="ZONEGRAPH_STORE",
                        help="Folder of the on-disk graph store (Oxigraph).")(func)


class OneLineError(click.ClickException):
    """A user-facing error printed as ``error: …`` (as the build's per-file lines are)."""

    def show(self, file=None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def library_errors(func):
    """Turn the library's own errors into click errors: one line, exit code 1."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (ZoneGraphError, OSError) as exc:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            if isinstance(exc, OSError):  # a file the user named cannot be read or written
                where = f"{exc.filename}: " if exc.filename else ""
                raise OneLineError(f"{where}{exc.strerror or exc}") from None
            raise OneLineError(str(exc)) from None
    return wrapper


def view_filter_options(func):
    """``--types``, ``--since``, ``--until``, ``--min-confidence``, shared by ``view`` and
    ``analyze``; the command receives them as one ``filters`` argument (a ViewFilter)."""
    @click.option("--types", metavar="T1,T2", help="Only these entity types, e.g. Zone,Enterprise.")
    @click.option("--since", metavar="DATE", help="Only evidence from articles dated on or after "
                  "DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
    @click.option("--until", metavar="DATE", help="Only evidence from articles dated up to DATE.")
    @click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
                  help="Only evidence scored at least this.")
    @functools.wraps(func)
    def wrapper(*args, types, since, until, min_confidence, **kwargs):
        from ..views.viewgraph import ViewFilter

        try:
            filters = ViewFilter.parse(types, since, until, min_confidence)
        except ZoneGraphError as exc:
            raise OneLineError(str(exc)) from None
        return func(*args, filters=filters, **kwargs)
    return wrapper


class ZoneGraphCLI(click.Group):
    def main(self, *args, **kwargs):
        try:
            return super().main(*args, **kwargs)
        except KeyboardInterrupt:
            click.echo("error: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # a bug: still one line unless --debug
            if "--debug" in sys.argv:
                raise
            click.echo(f"error: internal error ({type(exc).__name__}: {exc}); "
                       "rerun with --debug for details", err=True)
            sys.exit(2)


@click.group(cls=ZoneGraphCLI)
@click.version_option(__version__, prog_name="zonegraph")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
def cli(debug: bool) -> None:
    """ZoneGraph: knowledge graphs of China's national-level new areas (国家级新区).

    \b
    Example:
      zonegraph build data/samples/ && zonegraph stats
    """


def _echo_error(line: str) -> None:
    click.echo(f"error: {line}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--out", type=click.Path(path_type=Path),
              help="Also write the whole graph to this file (.trig, .nq, .ttl, .jsonld).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out statements scored below this.")
@click.option("--force", is_flag=True, help="Rebuild documents already in the store.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes that read and extract documents (this process alone "
                   "writes the store); up to the number of CPU cores pays off.")
@library_errors
def build(paths, store, out, min_confidence, force, jobs):
    """Read files and folders (recursively) and build them into the graph store.

    Re-building a file replaces what it contributed before; an unchanged file is skipped.

    \b
    Example:
      zonegraph build newsletters/ report.pdf --store ./zonegraph-data --out graph.trig
      zonegraph build archive/ --jobs 2
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ..build.settings import Settings
    from ..ingest.read import discover
    from ..build.pipeline import build as run_build

    if out is not None and out.suffix.lower().lstrip(".") not in RDF_FORMATS:
        raise ZoneGraphError(f"{out}: unknown output format; use .trig, .nq, .ttl or .jsonld")
    settings = Settings(store=store, min_confidence=min_confidence, force=force)
    files = discover(list(paths))
    console = Console(stderr=True)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[current]}"), console=console,
                  disable=len(files) < 3 or not console.is_terminal, transient=True) as bar:
        task = bar.add_task("building", total=len(files), current="")

        def advance(path, status):
            bar.update(task, advance=1, current=f"{path.name} ({status})")

        report = run_build(list(paths), settings, on_document=advance, jobs=jobs)
    for path, reason in report.failed:
        _echo_error(f"{path}: {reason}")
    if out is not None:
        _export(store, out, out.suffix.lstrip("."))
    click.echo(f"documents: {len(report.built)} built, {len(report.skipped)} unchanged, "
               f"{len(report.failed)} failed; articles: {report.articles}")
    if report.entities:
        click.echo("entities: " + ", ".join(f"{t} {n}" for t, n in sorted(report.entities.items())))
    if report.relations:
        click.echo("relations: " + ", ".join(f"{p} {n}" for p, n in sorted(report.relations.items())))
    click.echo(f"store: {store}" + (f"; graph file: {out}" if out else ""))
    if not report.ok:
        sys.exit(1)


def _export(store: Path, out: Path, fmt: str) -> None:
    from ..store.graph_store import GraphStore

    tmp = out.with_name(out.name + ".part")
    out.parent.mkdir(parents=True, exist_ok=True)
    with GraphStore(store, read_only=True) as gs, tmp.open("wb") as fh:
        gs.export(fh, fmt)
    tmp.replace(out)


@cli.command()
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file.")
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True)
@click.option("--named", metavar="NAME", help="Run a shipped research question (see --list).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter of the named query (repeatable); names match any alias.")
@click.option("--list", "list_named", is_flag=True, help="List the named queries and exit.")
@click.option("--endpoint", metavar="URL",
              help="Run at this SPARQL query URL instead (Oxigraph http://HOST:PORT/query, "
                   "Fuseki …/DATASET/query, another `zonegraph serve` …/sparql).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              help="Stop the query after this many seconds.")
@library_errors
def query(sparql, query_file, store, fmt, named, params, list_named, endpoint, timeout):
    """Run a SPARQL query; prefixes zg:, rdf:, rdfs:, owl:, xsd:, skos:, dcterms:, prov:,
    org:, schema: are predeclared and the default graph is the union of all documents.

    \b
    Example:
      zonegraph query 'SELECT ?zone ?name WHERE { ?zone a zg:Zone ; rdfs:label ?name }'
      zonegraph query --named zone-partners --param zone=两江新区
      zonegraph query --list
    """
    from .sparql import list_named_queries, query_result
    from ..sparql.query import compact, format_result

    if list_named:
        return list_named_queries()
    if query_file is not None:
        sparql = _read_query_file(query_file)
    if not sparql and not named:
        raise ZoneGraphError("no query given (pass SPARQL text, --file F.rq or --named NAME)")
    result = query_result(sparql, store, named, params, endpoint, timeout)
    if fmt == "table" and isinstance(result, tuple):
        from rich.console import Console
        from rich.table import Table

        variables, rows = result
        table = Table(*variables, show_lines=False)
        for row in rows:
            table.add_row(*[compact(t.value) if t is not None and hasattr(t, "value") else
                            ("" if t is None else str(t)) for t in row])
        Console(soft_wrap=False).print(table)
        click.echo(f"{len(rows)} row(s)")
    else:
        click.echo(format_result(result, fmt), nl=False)


def _read_query_file(path: Path) -> str:
    """A .rq file's text: UTF-8 (with or without a BOM, as Windows editors save it) or any
    encoding ``ingest.decode_text`` recognises; otherwise one line saying what is wrong."""
    from ..errors import InputError
    from ..ingest.read import decode_text

    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return decode_text(data, path)[0]
    except InputError as exc:
        raise ZoneGraphError(f"{path}: not a text file of SPARQL ({exc.reason})") from None


@cli.command()
@store_option
@library_errors
def stats(store):
    """Count documents, articles, entities by type and relations by predicate.

    \b
    Example:
      zonegraph stats --store ./zonegraph-data
    """
    from ..store.stats import store_stats
    from ..store.graph_store import GraphStore

    with GraphStore(store, read_only=True) as gs:
        s = store_stats(gs)
    click.echo(f"documents: {s['documents']}  articles: {s['articles']}  triples: {s['triples']}")
    click.echo("entities:")
    for t, n in s["entities"].items():
        click.echo(f"  {t:15} {n}")
    click.echo("relations:")
    for p, n in s["relations"].items():
        click.echo(f"  {p:15} {n}")


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["ttl", "trig", "nq", "jsonld"]),
              default="trig", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="File to write.")
@library_errors
def export(store, fmt, out):
    """Write the whole graph to a file (TriG and N-Quads keep one graph per document).

    \b
    Example:
      zonegraph export --format ttl --out zonegraph.ttl
    """
    _export(store, out, fmt)
    click.echo(f"wrote {out}")


@cli.command()
@store_option
@library_errors
def validate(store):
    """Check the graph against the SHACL shapes in ontology/shapes.ttl.

    \b
    Example:
      zonegraph validate --store ./zonegraph-data
    """
    from ..store.graph_store import GraphStore
    from ..store.validate import validate_store

    with GraphStore(store, read_only=True) as gs:
        report = validate_store(gs)
    for p in report.problems:
        click.echo(p)
    if report.conforms:
        click.echo(f"conforms: {report.documents} document graph(s) checked")
    else:
        click.echo(f"error: {len(report.problems)} violation(s)", err=True)
        sys.exit(1)


@cli.command()
@store_option
@click.option("--cooperation", is_flag=True, help="Zones and the places and organizations they "
              "cooperate with; one edge per pair, width = supporting articles.")
@click.option("--zones-only", is_flag=True, help="The cooperation view with zones only.")
@click.option("--focus", metavar="NAME", help="Show the neighbourhood of the entity with this "
              "name (any of its names).")
@click.option("--depth", type=click.IntRange(1, 5), default=1, show_default=True,
              help="With --focus: how many relations away.")
@view_filter_options
@click.option("--size-by", type=click.Choice(["degree", "betweenness", "articles"]),
              default="degree", show_default=True, help="Node size.")
@click.option("--color-by", type=click.Choice(["type", "community"]), default="type",
              show_default=True, help="Node colour: entity type or Louvain community.")
@click.option("--physics-limit", type=click.IntRange(0), default=500, show_default=True,
              help="Above this many nodes the layout is precomputed and physics is off.")
@click.option("--title", help="Page title.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("zonegraph-view.html"),
              show_default=True)
@library_errors
def view(store, cooperation, zones_only, focus, depth, filters, size_by, color_by,
         physics_limit, title, out):
    """Write an interactive network view (one self-contained HTML file that works offline):
    legend with type toggles, search, and a details panel with the evidence for each link.

    \b
    Example:
      zonegraph view --focus 两江新区 --depth 2 --out liangjiang.html
      zonegraph view --cooperation --since 2024 --out cooperation.html
    """
    from ..views.viewgraph import Selection, load_selection
    from ..views.page import ViewOptions, render

    graph = load_selection(store, Selection(filters, cooperation, zones_only, focus, depth))
    if title is None:
        title = ("ZoneGraph: " + focus if focus else
                 "ZoneGraph: zone cooperation" if cooperation or zones_only else "ZoneGraph")
    result = render(graph, out, ViewOptions(title, size_by, color_by, physics_limit))
    click.echo(f"wrote {out} ({result.nodes} nodes, {result.edges} edges)")
    if result.precomputed:
        click.echo(f"{result.nodes} nodes > {physics_limit}: layout precomputed with networkx, "
                   "physics off")


@cli.command()
@click.argument("document")
@store_option
@library_errors
def remove(document, store):
    """Take one document's contribution out of the graph (by file name, path or sha256).

    \b
    Example:
      zonegraph remove newsletter_2023_q3.txt
    """
    from ..build.pipeline import remove as run_remove

    for name in run_remove(store, document):
        click.echo(f"removed {name}")


from .views import analyze  # noqa: E402  (uses the shared options defined above)

cli.add_command(analyze)

from .sparql import find, push, serve  # noqa: E402  (uses the shared options defined above)

cli.add_command(find)
cli.add_command(serve)
cli.add_command(push)

from .snapshot import diff, snapshot  # noqa: E402  (uses the shared options defined above)

cli.add_command(snapshot)
cli.add_command(diff)


def main() -> None:
    cli(prog_name="zonegraph", standalone_mode=True)


if __name__ == "__main__":
    main()
