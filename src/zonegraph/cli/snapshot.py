"""``zonegraph snapshot`` and ``zonegraph diff``: dated report bundles and what changed."""
from __future__ import annotations

from pathlib import Path

import click

from .options import echo_undated, lang_option, library_errors, store_option, undated_option


@click.command()
@store_option
@click.option("--as-of", "as_of", required=True, metavar="DATE",
              help="Only facts from articles dated on or before DATE (YYYY-MM-DD; YYYY or "
                   "YYYY-MM mean the last day of that year or month).")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="Folder to write (new, empty, or an earlier snapshot to replace).")
@click.option("--title", help="Title of the report and figure.")
@click.option("--since-snapshot", "since", type=click.Path(path_type=Path), metavar="DIR",
              help="An earlier snapshot: the report adds what is new since it.")
@undated_option
@lang_option
@library_errors
def snapshot(store, as_of, out, title, since, undated, lang):
    """Write a dated, self-contained snapshot folder for a report: the graph as of DATE
    (graph.trig, graph.jsonld), nodes.csv, edges.csv, graph.graphml, graph.gexf, the
    cooperation figure (cooperation.svg, cooperation.png) and view (view.html),
    report.md, report.html and manifest.json. The same store and date give byte-identical
    graph, table and GraphML/GEXF files.

    \b
    Example:
      zonegraph snapshot --as-of 2023-12-31 --out snapshots/2023
      zonegraph snapshot --as-of 2024-03 --out snapshots/2024-03 --since-snapshot snapshots/2023
      zonegraph snapshot --as-of 2024 --out snapshots/2024-en --lang en
    """
    from ..reports.snapshot import write_snapshot

    manifest = write_snapshot(store, as_of, out, title=title, since=since, undated=undated,
                              lang=lang)
    c = manifest["counts"]
    click.echo(f"wrote {out} (as of {manifest['as_of']}): {c['documents']} document(s), "
               f"{c['articles']} article(s), {c['entities']} entities, {c['relations']} "
               f"relations, {c['cooperation_pairs']} cooperation pair(s)")
    echo_undated(manifest["left_out"]["articles_undated"] or manifest["undated_kept"], undated,
                 "the snapshot")


@click.command()
@click.argument("old")
@click.argument("new")
@store_option
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md",
              show_default=True)
@undated_option
@library_errors
def diff(old, new, store, fmt, undated):
    """What changed from OLD to NEW: entities and relations added and removed, attributes
    changed (a fund's size, a policy's date), posts changed. OLD and NEW are snapshot
    folders, or the word `store` for the current store (--store), whose articles without a
    date are left out as a snapshot leaves them out, unless --undated include.

    \b
    Example:
      zonegraph diff snapshots/2023 snapshots/2024-03
      zonegraph diff snapshots/2024-03 store --format json
    """
    from ..reports.diff import compare, format_diff
    from ..reports.snapshot import diff_source

    old_name, old_facts, old_undated = diff_source(old, store, undated)
    new_name, new_facts, new_undated = diff_source(new, store, undated)
    click.echo(format_diff(compare(old_facts, new_facts, old_name, new_name), fmt), nl=False)
    for spec, name, count in ((old, old_name, old_undated), (new, new_name, new_undated)):
        if count:
            why = ("(--undated include keeps them)" if spec == "store"
                   else "(when the snapshot was written)")
            click.echo(f"note: {name}: {count} article(s) without a date left out {why}",
                       err=True)
