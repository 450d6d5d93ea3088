"""``zonegraph.build``: what ``zonegraph build`` does, called from Python."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:
    from ..pipeline.run import BuildReport

PathLike = str | os.PathLike


def store_path(store: PathLike | None) -> Path:
    """``store``, else ``$ZONEGRAPH_STORE``, else ``./zonegraph-data`` (as the CLI's
    ``--store`` default)."""
    from ..store.graph_store import DEFAULT_STORE

    if store is not None:
        return Path(store)
    return Path(os.environ.get("ZONEGRAPH_STORE") or DEFAULT_STORE)


def build(paths: PathLike | Iterable[PathLike], store: PathLike | None = None, *,
          out: PathLike | None = None, min_confidence: float = 0.0, force: bool = False,
          jobs: int = 1, on_document: Callable[[Path, str], None] | None = None
          ) -> "BuildReport":
    """Build files and folders (recursively) into the store at ``store``, as
    ``zonegraph build`` does, and return the build's report.

    A file that cannot be used (empty, binary, a PDF without text …) does not stop the
    build: it is listed in ``report.failed`` with the reason, and ``report.ok`` is False.
    Re-building a changed file replaces what it contributed; an unchanged one is skipped
    (``report.skipped``) unless ``force``. ``out`` also writes the whole graph to a file
    (``.trig``, ``.nq``, ``.ttl`` or ``.jsonld``). ``jobs`` > 1 extracts in that many worker
    processes. ``on_document(path, status)`` is called after each file.

    Raises ``zonegraph.errors.StoreError`` when another process is writing the store (its
    pid is in the message) or the store path is not writable, and ``ZoneGraphError`` when
    ``paths`` hold no input files.

    Example::

        report = zonegraph.build("data/samples", store="zonegraph-data")
        print(report.summary())   # documents: 5 built, 0 unchanged, 0 failed; articles: …
        report.entities["Zone"], report.failed
    """
    from ..pipeline.run import build as run_build
    from ..pipeline.settings import Settings
    from ..errors import ZoneGraphError
    from ..store.graph_store import export_file, file_format

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files = [Path(p) for p in paths]
    if not files:
        raise ZoneGraphError("no input files given")
    if out is not None:
        file_format(Path(out))
    if jobs < 1:
        raise ZoneGraphError("jobs must be at least 1")
    if not 0.0 <= min_confidence <= 1.0:
        raise ZoneGraphError("min_confidence must be between 0 and 1")
    path = store_path(store)
    settings = Settings(store=path, min_confidence=min_confidence, force=force)
    report = run_build(files, settings, on_document=on_document, jobs=jobs)
    if out is not None:
        export_file(path, Path(out))
    return report
