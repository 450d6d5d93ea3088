"""``zonegraph query``, ``find``, ``serve`` and ``push``: the SPARQL face of the command line.

As everywhere, each command parses options and makes one library call; library errors
become one ``error: …`` line.
"""
from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

from ..errors import QueryError, ZoneGraphError
from .options import library_errors, raw_option, store_option


def endpoint_option(help_text: str, required: bool = False):
    return click.option("--endpoint", metavar="URL", required=required, help=help_text)


def timeout_option(default: float | None, help_text: str):
    return click.option("--timeout", type=click.FloatRange(min=0, min_open=True),
                        default=default, metavar="SECONDS", show_default=default is not None,
                        help=help_text)


# ------------------------------------------------------------------ query

def list_named_queries() -> None:
    """Print every named query: name, parameters, title and question."""
    from ..sparql.named import load_named_queries

    for nq in load_named_queries().values():
        params = " ".join(f"[{p.name}=…]" if p.optional else f"{p.name}=…" for p in nq.parameters)
        click.echo(click.style(nq.name, bold=True) + (f"  {params}" if params else "")
                   + f"\n    {nq.title}\n    {nq.question}\n    e.g. {nq.example}")


def query_result(sparql: str | None, store: Path, named: str | None, params: tuple[str, ...],
                 endpoint: str | None, timeout: float | None, raw: bool = False):
    """Run what ``zonegraph query`` was given and return the result for printing.

    ``named`` picks a shipped query (its parameters from ``params``: ``NAME=VALUE``);
    otherwise ``sparql`` runs as given, and ``params`` bind its variables of the same
    names. ``endpoint`` sends it to a remote query URL instead of the store.
    """
    from ..sparql.named import get_named_query, parse_param_options
    from ..sparql.run import QueryTarget, literal_bindings, run_named, run_sparql

    values = parse_param_options(params)
    target = QueryTarget(store=store, endpoint=endpoint, timeout=timeout, raw=raw)
    if named:
        if sparql:
            raise QueryError("give either a query or --named NAME, not both")
        return run_named(target, get_named_query(named), values)
    return run_sparql(target, sparql or "", literal_bindings(values))


@click.command()
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
@raw_option
@library_errors
def query(sparql, query_file, store, fmt, named, params, list_named, endpoint, timeout, raw):
    """Run a SPARQL query; prefixes zg:, rdf:, rdfs:, owl:, xsd:, skos:, dcterms:, prov:,
    org:, schema: are predeclared and the default graph is the union of all documents.

    \b
    Example:
      zonegraph query 'SELECT ?zone ?name WHERE { ?zone a zg:Zone ; rdfs:label ?name }'
      zonegraph query --named zone-partners --param zone=两江新区
      zonegraph query --list
    """
    from ..sparql.query import compact, format_result

    if list_named:
        return list_named_queries()
    if query_file is not None:
        sparql = _read_query_file(query_file)
    if not sparql and not named:
        raise ZoneGraphError("no query given (pass SPARQL text, --file F.rq or --named NAME)")
    result = query_result(sparql, store, named, params, endpoint, timeout, raw)
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


# ------------------------------------------------------------------ find

@click.command()
@click.argument("name")
@store_option
@endpoint_option("Look names up at this SPARQL query URL instead of the local store.")
@click.option("--type", "entity_type", metavar="TYPE",
              type=click.Choice(["Zone", "Park", "Enterprise", "Institution", "GovernmentBody",
                                 "Person", "Fund", "Policy", "Program", "Place", "Event"],
                                case_sensitive=False),
              help="Only entities of this type.")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True)
@library_errors
def find(name, store, endpoint, entity_type, limit, fmt):
    """Look an entity up by any of its names (no SPARQL needed).

    Matches every name an entity has (its canonical name, English name and aliases,
    simplified or traditional script), best first: exact, prefix, contains, then fuzzy;
    within each, entities that more articles mention come first. Shows the canonical
    name, type, article and relation counts, and the name that matched.

    \b
    Example:
      zonegraph find 科技
      zonegraph find 两江 --type Zone
      zonegraph find "Liangjiang New Area" --format json
    """
    import csv
    import json

    from ..sparql.find import COLUMNS, find_entities, match_rows
    from ..sparql.query import compact
    from ..sparql.run import QueryTarget

    matches = find_entities(QueryTarget(store=store, endpoint=endpoint), name, entity_type, limit)
    if not matches:
        raise ZoneGraphError(f"no entity has a name like {name!r}")
    rows = match_rows(matches)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt in ("csv", "tsv"):
        writer = csv.DictWriter(sys.stdout, COLUMNS, delimiter="\t" if fmt == "tsv" else ",",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*COLUMNS)
        for row in rows:
            table.add_row(*(compact(v) if k == "id" else str(v) for k, v in row.items()))
        Console(soft_wrap=False).print(table)


# ------------------------------------------------------------------ serve

@click.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address lets other "
                   "machines query the store.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port (0 picks a free one).")
@timeout_option(30.0, "Stop any query that runs longer than this.")
@click.option("--max-bytes", type=click.IntRange(1), default=50_000_000, show_default=True,
              help="Refuse results larger than this many bytes (the client should add LIMIT).")
@click.option("--workers", type=click.IntRange(1, 32), default=2, show_default=True,
              help="Queries evaluated at the same time (one process each).")
@library_errors
def serve(store, host, port, timeout, max_bytes, workers):
    """Serve the store read-only: a SPARQL endpoint at /sparql and a query page at /.

    The endpoint speaks the SPARQL 1.1 Protocol (GET and POST; JSON, XML, CSV, TSV
    results; Turtle, N-Triples, JSON-LD graphs), refuses updates and SERVICE, stops
    queries after --timeout and refuses results over --max-bytes. The page has the named
    queries as examples and links every entity to its own page (/entity?iri=…).

    \b
    Example:
      zonegraph serve --store ./zonegraph-data --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:7878/sparql
    """
    from ..sparql.serve import ServeSettings, is_loopback, make_server

    settings = ServeSettings(store=store, host=host, port=port, timeout=timeout,
                             max_bytes=max_bytes, workers=workers)
    try:
        server = make_server(settings)
    except OSError as exc:
        raise ZoneGraphError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can "
                   "query the store", err=True)
    click.echo(f"serving {store} at {server.url}  (SPARQL endpoint: {server.url}sparql; "
               "Ctrl+C stops)")
    sys.stdout.flush()
    # SIGTERM (a service manager, ``kill``) stops it as Ctrl+C does: its query workers,
    # a runaway query among them, are stopped with it rather than left running
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.server_close()


# ------------------------------------------------------------------ push

@click.command()
@endpoint_option("Graph Store Protocol URL: Oxigraph http://HOST:PORT/store, Fuseki "
                 "http://HOST:PORT/DATASET/data, GraphDB …/repositories/REPO/rdf-graphs/service.",
                 required=True)
@store_option
@timeout_option(60.0, "Give up on a graph the server has not taken after this long.")
@library_errors
def push(endpoint, store, timeout):
    """Send the graph to a shared SPARQL server, one named graph per document.

    Each document's graph replaces the same graph on the server (HTTP PUT, SPARQL 1.1
    Graph Store Protocol), so pushing twice changes nothing and a rebuilt document
    replaces what it sent before. The server's default graph is not touched: configure it
    as the union of the named graphs (Oxigraph: --union-default-graph) for the named
    queries to work there. Set $ZONEGRAPH_ENDPOINT_AUTH=user:password if it needs a login.

    \b
    Example:
      zonegraph push --endpoint http://127.0.0.1:7879/store
      zonegraph query --endpoint http://127.0.0.1:7879/query --named zone-cooperation
    """
    from ..sparql.remote import push as run_push
    from ..sparql.run import open_read_only

    ox_store = open_read_only(store)

    def report(file_name, graph, triples):
        click.echo(f"sent {file_name}: {triples} triples -> <{graph}>")

    result = run_push(ox_store, endpoint, timeout=timeout, on_graph=report)
    if not result.graphs:
        raise ZoneGraphError(f"{store}: the store has no documents to push")
    click.echo(f"pushed {len(result.graphs)} document graph(s), {result.triples} triples, "
               f"to {endpoint}")
