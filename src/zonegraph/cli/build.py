"""``zonegraph build``, ``remove``, ``stats``, ``export`` and ``validate``: writing the store
and checking what it holds."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ZoneGraphError
from ..store.graph_store import RDF_FORMATS
from .options import echo_error, library_errors, raw_option, store_option


@click.command()
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

    from ..build.pipeline import build as run_build
    from ..build.settings import Settings
    from ..ingest.read import discover

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
        echo_error(f"{path}: {reason}")
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


def _export(store: Path, out: Path, fmt: str, raw: bool = False) -> None:
    from ..store.graph_store import GraphStore

    tmp = out.with_name(out.name + ".part")
    out.parent.mkdir(parents=True, exist_ok=True)
    with GraphStore(store, read_only=True, raw=raw) as gs, tmp.open("wb") as fh:
        gs.export(fh, fmt)
    tmp.replace(out)


@click.command()
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


@click.command()
@store_option
@library_errors
def stats(store):
    """Count documents, articles, entities by type and relations by predicate.

    \b
    Example:
      zonegraph stats --store ./zonegraph-data
    """
    from ..store.graph_store import GraphStore
    from ..store.stats import store_stats

    with GraphStore(store, read_only=True) as gs:
        s = store_stats(gs)
    click.echo(f"documents: {s['documents']}  articles: {s['articles']}  triples: {s['triples']}")
    click.echo("entities:")
    for t, n in s["entities"].items():
        click.echo(f"  {t:15} {n}")
    click.echo("relations:")
    for p, n in s["relations"].items():
        click.echo(f"  {p:15} {n}")


@click.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["ttl", "trig", "nq", "jsonld"]),
              default="trig", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="File to write.")
@raw_option
@library_errors
def export(store, fmt, out, raw):
    """Write the whole graph to a file (TriG and N-Quads keep one graph per document, with
    the corrections applied in each, and the corrections in a graph of their own).

    \b
    Example:
      zonegraph export --format ttl --out zonegraph.ttl
    """
    _export(store, out, fmt, raw)
    click.echo(f"wrote {out}")


@click.command()
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
