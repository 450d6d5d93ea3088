"""The build pipeline: ingest → normalize → segment → extract → link → graph → store.

Each stage is a function of the previous stage's output; this module only wires them and
keeps the report. A failing document is reported and skipped; the others go on.
"""
from __future__ import annotations

import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .settings import Settings
from ..errors import InputError, ZoneGraphError
from ..extract import Extractor
from ..ingest.manifest import Given, assign, folder_manifests, with_options
from ..ingest.read import discover, read_document
from ..store.graph_store import GraphStore
from .document import Prepared, prepare
from .watchdog import OverBudget, watched


@dataclass
class BuildReport:
    """What a build did, for the summary the CLI prints."""

    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    # manifest rows that could not be used, parts of a file left out (a slow PDF page)
    warnings: list[str] = field(default_factory=list)
    articles: int = 0
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    triples: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        """Documents built, unchanged and failed, articles, entities by type and relations
        by predicate: the lines ``zonegraph build`` prints."""
        lines = [f"documents: {len(self.built)} built, {len(self.skipped)} unchanged, "
                 f"{len(self.failed)} failed; articles: {self.articles}"]
        if self.entities:
            lines.append("entities: " + ", ".join(f"{t} {n}"
                                                  for t, n in sorted(self.entities.items())))
        if self.relations:
            lines.append("relations: " + ", ".join(f"{p} {n}"
                                                   for p, n in sorted(self.relations.items())))
        return "\n".join(lines)


def build(paths: list[Path], settings: Settings,
          on_document: Callable[[Path, str], None] | None = None, jobs: int = 1,
          manifests: list[Path] = (), options: Given = Given()) -> BuildReport:
    """Build every file under ``paths`` into the store at ``settings.store``.

    ``on_document(path, status)`` is called after each file (for progress bars). With
    ``jobs`` > 1, documents are processed by that many worker processes
    (``zonegraph.pipeline.workers``) while this process alone writes the store, in file order.
    ``manifests`` (and each folder's own ``zonegraph-manifest.csv``) give files their URL,
    date, source and title; ``options`` (``build --date --source --url``) one file's.
    """
    report = BuildReport()
    files = discover(paths)
    if not files:
        raise ZoneGraphError("no input files found")
    listed = dict.fromkeys(p.resolve() for p in [*manifests, *folder_manifests(paths, files)])
    given, report.warnings = assign(files, list(listed))
    given = with_options(given, files, options)
    with GraphStore(settings.store) as store:
        def wanted(path: Path, sha256: str) -> bool:
            """Not in the store yet, or built there with other metadata (a changed
            manifest row rebuilds a file whose bytes are the same)."""
            return (settings.force or not store.has_document(sha256)
                    or store.metadata_digest(sha256) != given.get(path, Given()).digest())

        if jobs > 1:
            from .workers import prepare_in_workers

            results = prepare_in_workers(files, settings, jobs, wanted, given)
        else:
            results = _prepare_each(files, settings, wanted, given)
        built_now: set[str] = set()
        with closing(results):  # stops the workers if writing the store fails
            for path, sha256, done in results:
                status = "built"
                if isinstance(done, InputError):
                    report.failed.append((str(done.path), done.reason))
                    status = "failed"
                elif done is None or sha256 in built_now:  # or it repeats a file built now
                    _drop_older_versions(store, path, sha256)
                    report.skipped.append(str(path))
                    status = "unchanged"
                else:
                    if store.has_document(sha256):  # --force, or its metadata changed
                        store.remove_document(sha256)
                    store.queue_document(sha256, done.nquads)
                    built_now.add(sha256)
                    _drop_older_versions(store, path, sha256)
                    report.built.append(str(path))
                    report.warnings.extend(f"{path}: {w}" for w in done.warnings)
                    report.triples += done.triples
                    report.articles += done.articles
                    report.entities.update(done.entities)
                    report.relations.update(done.relations)
                if on_document:
                    on_document(path, status)
    return report


def _prepare_each(files: list[Path], settings: Settings, wanted: Callable[[Path, str], bool],
                  given: dict[Path, Given]) -> Iterator[Prepared]:
    """Prepare files one after the other in this process, each when the build reaches it,
    each within ``settings.budget`` (reading it and taking it through every stage)."""
    extractor = None
    for path in files:
        sha256, done, source = "", None, None
        try:
            started = time.monotonic()
            with watched(settings.budget, started):
                source = read_document(path, settings.limits)
            sha256 = source.sha256
            if wanted(path, sha256):
                if extractor is None:  # loaded once, outside any document's budget
                    extractor = Extractor(settings.data_dir)
                    started = time.monotonic()
                with watched(settings.budget, started):
                    done = prepare(source, extractor, settings, given.get(path, Given()))
        except InputError as exc:
            done = exc
        except OverBudget as exc:
            done = InputError(path, str(exc))
        source = None  # an abandoned document's text is not kept while the next one runs
        yield path, sha256, done


def _drop_older_versions(store: GraphStore, path: Path, sha256: str) -> None:
    """A file rebuilt after it changed replaces what its earlier content contributed."""
    for older in store.documents_at(path.resolve().as_uri()):
        if older != sha256:
            store.remove_document(older)


def remove(store_path: Path, name_or_sha: str) -> list[str]:
    """Take a document's contribution out of the store; returns the removed file names."""
    with GraphStore(store_path) as store:
        docs = store.find_documents(name_or_sha)
        if not docs:
            raise ZoneGraphError(f"{name_or_sha}: no such document in {store_path}")
        for d in docs:
            store.remove_document(d.sha256)
        return [d.file_name for d in docs]
