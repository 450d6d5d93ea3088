"""``zonegraph curate``: analysts' corrections, kept beside the extracted graph and applied
on top of it everywhere (``zonegraph.store.curation`` says how).

Names resolve as ``zonegraph find`` resolves them (any label or alias, compared folded;
``--type`` narrows), but only an exact name is taken: one that matches nothing or more
than one entity is a one-line error listing the candidates, and nothing is written. A
full entity IRI (or ``zgid:…``) names a node directly, e.g. one of two of the same name.
"""
from __future__ import annotations

import csv
import getpass
import io
import json
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import click

from ..errors import ZoneGraphError
from ..graph.namespace import ENTITY_CLASSES, ID, RELATIONS
from ..sparql.find import resolve_name
from ..store.corrections import correction_labels, correction_rows, describe
from .options import library_errors, store_option


def _by_option(func):
    return click.option("--by", "author", metavar="NAME", default=None,
                        help="Who makes the correction (default: your login name).")(func)


def _note_option(required: bool = False):
    return click.option("--note", default="", required=required, metavar="TEXT",
                        help="Why (kept with the correction; an added relation's evidence).")


def _type_option(func):
    return click.option("--type", "entity_type", metavar="T",
                        help="Only entities of this type, for every name (e.g. Enterprise).")(func)


def _author(author: str | None) -> str:
    if author:
        return author
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


# ------------------------------------------------------------------ names and types

def _predicate(name: str) -> str:
    local = name.split(":", 1)[1] if name.startswith("zg:") else name.rsplit("#", 1)[-1]
    if local not in RELATIONS:
        raise ZoneGraphError(f"{name}: not a relation; use one of {', '.join(RELATIONS)}")
    return str(RELATIONS[local])


def _entity_class(name: str) -> str:
    for t, cls in ENTITY_CLASSES.items():
        if t.lower() == name.lower().removeprefix("zg:"):
            return str(cls)
    raise ZoneGraphError(f"{name}: not an entity type; use one of {', '.join(ENTITY_CLASSES)}")


def _record(store_path: Path, action: str, author: str | None, note: str, resolve_fields):
    """Open the store for writing (refused while a build writes it), resolve the names
    (``resolve_fields(store)`` → the correction's fields), then write the correction."""
    from ..store.corrections import new_correction
    from ..store.graph_store import GraphStore

    if not Path(store_path).is_dir():
        raise ZoneGraphError(f"{store_path}: no graph store here (run `zonegraph build` first)")
    with GraphStore(store_path) as store:
        fields = resolve_fields(store)
        correction = new_correction(action, _author(author), _now(), note, **fields)
        correction = replace(correction, description=describe(
            correction, correction_labels(store, [correction])))
        store.change_corrections(add=[correction])
    click.echo(f"{correction.id}  {action}  {correction.description}")


# ------------------------------------------------------------------ the commands

@click.group()
def curate():
    """Correct the graph: reject, add, drop, merge, split, rename, retype — corrections
    kept beside the extracted graph, applied to every query, view and export, and kept
    through every rebuild (`--raw` on query, view, analyze and export shows extraction alone).

    \b
    Example:
      zonegraph curate reject 公司办公室 cooperatesWith 两江新区 --note "not a partner"
      zonegraph curate merge 华夏科技集团 华夏科技 --by li.wei
      zonegraph curate list
    """


def _statement_command(note_required: bool):
    """What ``reject`` and ``add`` take: SUBJECT PREDICATE OBJECT and the usual options."""
    def wrap(func):
        for decorate in reversed((click.argument("subject"), click.argument("predicate"),
                                  click.argument("object_", metavar="OBJECT"), store_option,
                                  _by_option,
                                  _note_option(required=note_required), _type_option,
                                  library_errors)):
            func = decorate(func)
        return func
    return wrap


@curate.command()
@_statement_command(note_required=False)
def reject(subject, predicate, object_, store, author, note, entity_type):
    """Reject a relation the extraction got wrong (SUBJECT PREDICATE OBJECT by name).

    \b
    Example:
      zonegraph curate reject 公司办公室 cooperatesWith 两江新区 --note "an office, no partner"
    """
    _record(store, "reject", author, note, lambda s: {
        "subject": resolve_name(s.select, subject, entity_type), "predicate": _predicate(predicate),
        "object": resolve_name(s.select, object_, entity_type)})


@curate.command()
@_statement_command(note_required=True)
def add(subject, predicate, object_, store, author, note, entity_type):
    """Add a relation the text gives but extraction missed; the note is its evidence.

    \b
    Example:
      zonegraph curate add 两江新区 cooperatesWith 天府新区 --note "协议见第3期第2篇"
    """
    _record(store, "add", author, note, lambda s: {
        "subject": resolve_name(s.select, subject, entity_type), "predicate": _predicate(predicate),
        "object": resolve_name(s.select, object_, entity_type)})


@curate.command()
@click.argument("name")
@store_option
@_by_option
@_note_option()
@_type_option
@library_errors
def drop(name, store, author, note, entity_type):
    """Drop an entity that is no entity (with its relations and their evidence).

    \b
    Example:
      zonegraph curate drop 公司办公室 --note "a department, not an organization"
    """
    _record(store, "drop", author, note, lambda s: {"target": resolve_name(s.select, name, entity_type)})


@curate.command()
@click.argument("keep")
@click.argument("other")
@store_option
@_by_option
@_note_option()
@_type_option
@library_errors
def merge(keep, other, store, author, note, entity_type):
    """Merge OTHER into KEEP: two nodes that are one thing (OTHER's names become aliases).

    \b
    Example:
      zonegraph curate merge 华夏科技集团 华夏科技 --note "same company"
    """
    def fields(s):
        kept, merged = resolve_name(s.select, keep, entity_type), resolve_name(s.select, other, entity_type)
        if kept == merged:
            raise ZoneGraphError(f"{keep!r} and {other!r} are already one node")
        return {"keep": kept, "target": merged}
    _record(store, "merge", author, note, fields)


@curate.command()
@click.argument("name")
@click.option("--documents", required=True, metavar="DOC[,DOC…]",
              help="Documents (file name, path or sha256) whose mentions are the other thing.")
@click.option("--as", "new_name", default="", metavar="NEW_NAME",
              help="Name of the new node (default: the same name).")
@store_option
@_by_option
@_note_option()
@_type_option
@library_errors
def split(name, documents, new_name, store, author, note, entity_type):
    """Split a node that is two things: what DOCUMENTS say of it goes to a new node.

    \b
    Example:
      zonegraph curate split 新城公司 --documents issue_07.txt --as 新城建设公司
    """
    def fields(s):
        target = resolve_name(s.select, name, entity_type)
        docs = []
        for given in (d.strip() for d in documents.split(",") if d.strip()):
            found = s.find_documents(given)
            if len(found) != 1:
                raise ZoneGraphError(f"{given}: " + ("no such document in the store" if not found
                                     else f"names {len(found)} documents; give the sha256"))
            doc = str(ID[f"document/{found[0].sha256}"])
            if not _mentions(s, found[0].sha256, target):
                raise ZoneGraphError(f"{given} does not mention {name!r}")
            docs.append(doc)
        if not docs:
            raise ZoneGraphError("give at least one document with --documents")
        return {"target": target, "documents": tuple(sorted(set(docs))), "new_label": new_name}
    _record(store, "split", author, note, fields)


def _mentions(store, sha256: str, iri: str) -> bool:
    import pyoxigraph as ox

    from ..graph.triples import graph_iri

    return any(True for _ in store.ox.quads_for_pattern(
        ox.NamedNode(iri), None, None, ox.NamedNode(str(graph_iri(sha256)))))


@curate.command()
@click.argument("name")
@click.argument("new_name")
@store_option
@_by_option
@_note_option()
@_type_option
@library_errors
def rename(name, new_name, store, author, note, entity_type):
    """Give an entity its canonical label (former labels stay as aliases).

    \b
    Example:
      zonegraph curate rename 华夏科技 华夏科技集团有限公司
    """
    if not new_name.strip():
        raise ZoneGraphError("the new name is empty")
    _record(store, "rename", author, note, lambda s: {
        "target": resolve_name(s.select, name, entity_type), "new_label": new_name.strip()})


@curate.command()
@click.argument("name")
@click.argument("new_type", metavar="TYPE")
@store_option
@_by_option
@_note_option()
@_type_option
@library_errors
def retype(name, new_type, store, author, note, entity_type):
    """Give an entity the right type (Zone, Park, Enterprise, Institution, GovernmentBody,
    Person, Fund, Policy, Program, Place, Event).

    \b
    Example:
      zonegraph curate retype 江北研究院 Institution
    """
    cls = _entity_class(new_type)
    _record(store, "retype", author, note, lambda s: {
        "target": resolve_name(s.select, name, entity_type), "new_type": cls})


# ------------------------------------------------------------------ list, undo, files

@curate.command("list")
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@library_errors
def list_(store, fmt):
    """List the corrections (first column: the id `undo` takes); a correction whose target
    no document holds any more is listed as dangling.

    \b
    Example:
      zonegraph curate list --format csv > corrections.csv
    """
    from ..store.graph_store import GraphStore

    with GraphStore(store, read_only=True) as gs:
        rows = correction_rows(gs)
    columns = ["id", "action", "what", "note", "by", "when", "status"]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns)
        for r in rows:
            table.add_row(*(r[c] for c in columns))
        Console(soft_wrap=False).print(table)
        click.echo(f"{len(rows)} correction(s)")


@curate.command()
@click.argument("correction_id", metavar="ID")
@store_option
@library_errors
def undo(correction_id, store):
    """Take a correction back (by the id `curate list` shows, or a unique prefix of it).

    \b
    Example:
      zonegraph curate undo 3f9c0a1b2c4d
    """
    from ..store.graph_store import GraphStore

    if not Path(store).is_dir():
        raise ZoneGraphError(f"{store}: no graph store here (run `zonegraph build` first)")
    with GraphStore(store) as gs:
        found = [c for c in gs.curation.corrections
                 if len(correction_id) >= 4 and c.id.startswith(correction_id.lower())]
        if len(found) != 1:
            raise ZoneGraphError(f"{correction_id}: " + (
                "no such correction (`zonegraph curate list` shows them)" if not found
                else f"matches {len(found)} corrections: "
                     + ", ".join(c.id for c in found)))
        labels = correction_labels(gs, found)
        gs.change_corrections(remove=found)
    click.echo(f"undone {found[0].id}  {found[0].action}  {describe(found[0], labels)}")


@curate.command("export")
@click.argument("out", metavar="FILE.ttl", type=click.Path(path_type=Path))
@store_option
@library_errors
def export_(out, store):
    """Write the corrections as one Turtle file (to keep in git, review, import elsewhere).

    \b
    Example:
      zonegraph curate export corrections.ttl
    """
    import pyoxigraph as ox

    from ..graph.namespace import CURATION_GRAPH, PREFIXES
    from ..store.graph_store import GraphStore

    with GraphStore(store, read_only=True) as gs:
        triples = sorted((q.triple for q in gs.ox.quads_for_pattern(
            None, None, None, ox.NamedNode(str(CURATION_GRAPH)))), key=str)
        count = len(gs.curation.corrections)
    tmp = out.with_name(out.name + ".part")
    ox.serialize(triples, str(tmp), ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    tmp.replace(out)
    click.echo(f"wrote {count} correction(s) to {out}")


@curate.command("import")
@click.argument("source", metavar="FILE.ttl",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
@library_errors
def import_(source, store):
    """Apply the corrections of a Turtle file (`curate export`); importing twice changes
    nothing.

    \b
    Example:
      zonegraph curate import corrections.ttl --store ../other-store
    """
    import pyoxigraph as ox

    from ..store.corrections import corrections_from_triples
    from ..store.graph_store import GraphStore

    try:
        triples = list(ox.parse(path=str(source), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, ValueError) as exc:
        raise ZoneGraphError(f"{source}: not a Turtle file of corrections "
                             f"({' '.join(str(exc).split())[:200]})") from None
    corrections = corrections_from_triples(triples)
    if not corrections:
        raise ZoneGraphError(f"{source}: holds no zg:Correction")
    if not Path(store).is_dir():
        raise ZoneGraphError(f"{store}: no graph store here (run `zonegraph build` first)")
    with GraphStore(store) as gs:
        known = {c.id for c in gs.curation.corrections}
        new = [c for c in corrections if c.id not in known]
        if new:
            gs.change_corrections(add=new)
    click.echo(f"imported {len(new)} correction(s); {len(corrections) - len(new)} already here")

