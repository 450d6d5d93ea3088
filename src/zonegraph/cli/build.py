"""``zonegraph build``, ``remove``, ``stats``, ``export`` and ``validate``: writing the store
and checking what it holds."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from .options import echo_error, library_errors, raw_option, store_option


def limit_options(func):
    """What one file may cost (``ingest.limits.ReadLimits``, ``build.watchdog.Budget``); the
    command receives them as ``limits`` and ``budget``. Defaults: README, "Limits"."""
    from ..pipeline.watchdog import Budget
    from ..ingest.limits import ReadLimits

    read, doc = ReadLimits(), Budget()
    options = [
        ("--max-input-mb", "max_input_mb", click.FloatRange(min=0, min_open=True), read.max_input_mb,
         "Refuse a file larger than this (MB)."),
        ("--max-html-mb", "max_html_mb", click.FloatRange(min=0, min_open=True), read.max_html_mb,
         "Refuse a web page larger than this (MB)."),
        ("--max-inflated-mb", "max_inflated_mb", click.FloatRange(min=0, min_open=True),
         read.max_inflated_mb, "Refuse a .docx whose parts inflate to more than this (MB), "
         "counted while inflating."),
        ("--max-ratio", "max_ratio", click.FloatRange(min=1), read.max_ratio,
         "Refuse a .docx part that inflates more than this many times its size."),
        ("--max-pages", "max_pages", click.IntRange(min=1), read.max_pages,
         "Refuse a PDF with more pages than this."),
        ("--page-seconds", "page_seconds", click.FloatRange(min=0), read.page_seconds,
         "Skip (with a warning) a PDF page whose text takes longer than this; 0: no limit."),
        ("--doc-seconds", "doc_seconds", click.FloatRange(min=0), doc.seconds,
         "Abandon a document that takes longer than this to build; 0: no limit."),
        ("--doc-memory-mb", "doc_memory_mb", click.FloatRange(min=0), doc.memory_mb,
         "Abandon a document that takes its process past this much memory (MB); 0: no limit."),
    ]

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        values = {name: kwargs.pop(name) for _, name, *_ in options}
        kwargs["limits"] = ReadLimits(**{k: v for k, v in values.items() if not k.startswith("doc_")})
        kwargs["budget"] = Budget(seconds=values["doc_seconds"], memory_mb=values["doc_memory_mb"])
        return func(*args, **kwargs)

    for flag, name, kind, default, text in reversed(options):
        wrapper = click.option(flag, name, type=kind, default=default, show_default=True,
                               help=text)(wrapper)
    return wrapper


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
@click.option("--manifest", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="CSV (with a header) or JSON Lines listing file, url, date, source, title "
                   "per file; a folder's own zonegraph-manifest.csv is read without it.")
@click.option("--date", "date_", metavar="DATE", help="Publication date of the one file built "
              "(YYYY-MM-DD or YYYY-MM); wins over a date read from the text.")
@click.option("--source", metavar="OUTLET", help="Outlet of the one file built.")
@click.option("--url", metavar="URL", help="Web page (http(s)) of the one file built.")
@limit_options
@library_errors
def build(paths, store, out, min_confidence, force, jobs, manifest, date_, source, url,
          limits, budget):
    """Read files and folders (recursively) and build them into the graph store.

    Re-building a file replaces what it contributed before; an unchanged file (same bytes,
    same manifest row) is skipped.

    \b
    Example:
      zonegraph build newsletters/ report.pdf --store ./zonegraph-data --out graph.trig
      zonegraph build archive/ --jobs 2
      zonegraph build pages/ --manifest pages.csv
      zonegraph build page.html --date 2024-03-05 --source 经济日报 --url https://example.cn/a
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ..pipeline.run import build as run_build
    from ..pipeline.settings import Settings
    from ..ingest.manifest import given_options
    from ..ingest.read import discover
    from ..store.graph_store import export_file, file_format

    if out is not None:
        file_format(out)
    settings = Settings(store=store, min_confidence=min_confidence, force=force,
                        limits=limits, budget=budget)
    options = given_options(date_, source, url)
    files = discover(list(paths))
    console = Console(stderr=True)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[current]}"), console=console,
                  disable=len(files) < 3 or not console.is_terminal, transient=True) as bar:
        task = bar.add_task("building", total=len(files), current="")

        def advance(path, status):
            bar.update(task, advance=1, current=f"{path.name} ({status})")

        report = run_build(list(paths), settings, on_document=advance, jobs=jobs,
                           manifests=[manifest] if manifest else [], options=options)
    for line in report.warnings:
        click.echo(f"warning: {line}", err=True)
    for path, reason in report.failed:
        echo_error(f"{path}: {reason}")
    if out is not None:
        export_file(store, out)
    click.echo(report.summary())
    click.echo(f"store: {store}" + (f"; graph file: {out}" if out else ""))
    if not report.ok:
        sys.exit(1)


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
    from ..pipeline.run import remove as run_remove

    for name in run_remove(store, document):
        click.echo(f"removed {name}")


@click.command()
@store_option
@library_errors
def stats(store):
    """Count documents, articles, entities by type and relations by predicate, and check
    names: entities with more than one label, labels not in simplified script, generic
    words (新区, 双方 …) used as names. Each should be 0; the first few are listed.

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
    click.echo("names:")
    for key, what in (("many_labels", "entities with more than one label"),
                      ("label_script", "labels not simplified @zh-Hans"),
                      ("generic_names", "generic words as names")):
        found = s["names"][key]
        click.echo(f"  {what:34} {len(found)}")
        for line in found[:5]:
            click.echo(f"    {line}")


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
    from ..store.graph_store import export_file

    export_file(store, out, fmt, raw=raw)
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
