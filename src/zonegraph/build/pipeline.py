"""The build pipeline: ingest → normalize → segment → extract → link → graph → store.

Each stage is a function of the previous stage's output; this module only wires them and
keeps the report. A failing document is reported and skipped; the others go on.
"""
from __future__ import annotations

import re
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .settings import Settings
from ..errors import InputError, ZoneGraphError
from ..extract import Extractor
from ..extract.gazetteer import load_gazetteer
from ..graph.triples import DocumentRecord, PostRecord, Statement, document_nquads, document_triples
from ..ingest.read import SourceDocument, discover, read_document
from ..graph.link import Entity, link_document
from ..ingest.normalize import NormalizedText, fold, normalize
from ..ingest.segment import Segmented, segment
from ..store.graph_store import GraphStore


@dataclass
class BuildReport:
    """What a build did, for the summary the CLI prints."""

    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    articles: int = 0
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    triples: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


def display_name(text: str) -> str:
    """A name as the original writes it (its script kept), without white space next to CJK."""
    return re.sub(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+", "", text.strip())


def display(text: str) -> str:
    """Original text made readable: PDF line breaks inside a line removed, spaces squeezed."""
    text = re.sub(r"\s*\n\s*", "", text.strip())
    return re.sub(r"\s+", " ", text)


def written_source(norm: NormalizedText, art) -> str:
    """An article's source as the document writes it (its script kept)."""
    at = norm.text.find(art.source, art.end) if art.source else -1
    if at < 0:
        return art.source
    return display_name(norm.original_span(at, at + len(art.source))) or art.source


def publisher_entity(name: str) -> Entity | None:
    """The organization a newsletter's masthead names as its publisher (西咸新区研究院)."""
    from ..extract.names import SUFFIXES

    etype = next((t for suffix, t in SUFFIXES if name.endswith(suffix)), None)
    if not name or etype not in ("Institution", "GovernmentBody", "Enterprise"):
        return None
    return Entity(key=f"name:{etype}:{fold(name)}", type=etype, label=name, confidence=0.9)


def written_title(post, layout, to_doc, norm: NormalizedText) -> str:
    """A post's title in the document's own script, when it is written right before the name."""
    a = post.person.start - len(post.title)
    if a < 0:
        return post.title
    start, end = to_doc(a, layout), to_doc(post.person.start - 1, layout) + 1
    shown = display_name(norm.original_span(start, end))
    return shown if fold(shown) == fold(post.title) else post.title


@dataclass
class ProcessedDocument:
    source: SourceDocument
    norm: NormalizedText
    segmented: Segmented
    record: DocumentRecord


def process(source: SourceDocument, extractor: Extractor, settings: Settings) -> ProcessedDocument:
    """Run every stage but storage on one document."""
    norm = normalize(source.text)
    seg = segment(norm, fallback_title=source.meta.get("title", ""),
                  fallback_date=source.meta.get("date", ""))
    if not seg.articles:
        raise InputError(source.path, "no article text found")
    gazetteer = load_gazetteer(settings.data_dir)
    zone_names = {f: e.key for e in gazetteer.zones() for f in (e.name, *e.aliases)
                  if f.endswith("新区")}
    extractions, layouts, articles = [], [], []
    for art in seg.articles:
        ts, te = art.title_span
        title = norm.text[ts:te] if te > ts else ""  # a title not in the text is not read
        body = norm.text[art.start:art.end]
        ex = extractor.extract(title, body, art.date)
        extractions.append(ex)
        layouts.append((title, ts if te > ts else None, art.start))
        shown = display(norm.original_span(ts, te)) if te > ts else art.title
        articles.append({"title": shown or art.title,
                         "source": written_source(norm, art), "date": art.date})

    def to_doc(pos: int, layout) -> int:
        title, title_start, body_start = layout
        if pos <= len(title):
            return (title_start if title_start is not None else body_start) + min(pos, max(len(title) - 1, 0))
        return body_start + pos - len(title) - 1

    # names as the original writes them (full-width brackets, no PDF line breaks), also
    # where a mention carries another mention's name (a short form names its full form)
    written: dict[str, str] = {}
    for ex, layout in zip(extractions, layouts):
        for m in ex.mentions:
            a, b = to_doc(m.start, layout), to_doc(m.end - 1, layout) + 1
            shown = display_name(norm.original_span(a, b))
            if shown and fold(shown) == fold(m.text):
                written.setdefault(m.text, shown)
                m.text = shown
    for ex in extractions:
        for m in ex.mentions:
            if m.name in written:
                m.name = written[m.name]
    linked = link_document(extractions, source.sha256, zone_names)

    statements: list[Statement] = []
    posts: list[PostRecord] = []
    for i, (ex, layout) in enumerate(zip(extractions, layouts)):
        articles[i]["mentions"] = {linked.key_of(m) for m in ex.mentions}
        for rel in ex.relations:
            if rel.confidence < settings.min_confidence:
                continue
            a, b = to_doc(rel.sentence[0], layout), to_doc(max(rel.sentence[1] - 1, rel.sentence[0]), layout) + 1
            o_start, o_end = norm.to_original(a, b)
            s_key, o_key = linked.key_of(rel.subject), linked.key_of(rel.object)
            if s_key == o_key:
                continue
            statements.append(Statement(s_key, rel.predicate, o_key, i,
                                        display(source.text[o_start:o_end]), o_start, o_end,
                                        rel.confidence, rel.rule, rel.planned))
        for post in ex.posts:
            if post.confidence >= settings.min_confidence:
                posts.append(PostRecord(linked.key_of(post.person),
                                        linked.key_of(post.organization),
                                        written_title(post, layout, to_doc, norm)))
    entities = {k: e for k, e in linked.entities.items() if e.confidence >= settings.min_confidence}
    publisher = publisher_entity(seg.publisher)
    if publisher is not None:
        publisher = entities.setdefault(publisher.key, publisher)
    zone_facts = {e.key: e.attrs for e in gazetteer.zones() if e.key in entities}
    record = DocumentRecord(
        sha256=source.sha256, file_name=source.path.name, url=source.path.resolve().as_uri(),
        media_type=source.media_type, series=seg.series, number=seg.number, date=seg.date,
        publisher=seg.publisher, publisher_key=publisher.key if publisher else "",
        articles=articles, entities=entities,
        statements=statements, posts=posts, zone_facts=zone_facts)
    return ProcessedDocument(source, norm, seg, record)


@dataclass(frozen=True)
class PreparedDocument:
    """A processed document as the store takes it, with what the build report counts."""

    sha256: str
    nquads: bytes  # its named graph and the union copy, see ``graph.document_nquads``
    triples: int
    articles: int
    entities: Counter
    relations: Counter


def prepare(source: SourceDocument, extractor: Extractor, settings: Settings) -> PreparedDocument:
    """``process`` one document and serialize its quads (what a build worker does)."""
    record = process(source, extractor, settings).record
    triples = document_triples(record)
    return PreparedDocument(source.sha256, document_nquads(source.sha256, triples), len(triples),
                            len(record.articles), Counter(e.type for e in record.entities.values()),
                            Counter(s.predicate for s in record.statements))


#: What preparing a file gave: (path, sha256 or "", the document, None when the store has
#: it already, or the error that made it unreadable).
Prepared = tuple[Path, str, PreparedDocument | InputError | None]


def build(paths: list[Path], settings: Settings,
          on_document: Callable[[Path, str], None] | None = None, jobs: int = 1) -> BuildReport:
    """Build every file under ``paths`` into the store at ``settings.store``.

    ``on_document(path, status)`` is called after each file (for progress bars). With
    ``jobs`` > 1, documents are processed by that many worker processes
    (``zonegraph.build.workers``) while this process alone writes the store, in file order.
    """
    report = BuildReport()
    files = discover(paths)
    if not files:
        raise ZoneGraphError("no input files found")
    with GraphStore(settings.store) as store:
        def wanted(sha256: str) -> bool:
            return settings.force or not store.has_document(sha256)

        if jobs > 1:
            from .workers import prepare_in_workers

            results = prepare_in_workers(files, settings, jobs, wanted)
        else:
            results = _prepare_each(files, settings, wanted)
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
                    if settings.force and store.has_document(sha256):
                        store.remove_document(sha256)
                    if done.nquads:
                        store.queue_document(sha256, done.nquads)
                    built_now.add(sha256)
                    _drop_older_versions(store, path, sha256)
                    report.built.append(str(path))
                    report.triples += done.triples
                    report.articles += done.articles
                    report.entities.update(done.entities)
                    report.relations.update(done.relations)
                if on_document:
                    on_document(path, status)
    return report


def _prepare_each(files: list[Path], settings: Settings,
                  wanted: Callable[[str], bool]) -> Iterator[Prepared]:
    """Prepare files one after the other in this process, each when the build reaches it."""
    extractor = None
    for path in files:
        try:
            source = read_document(path)
        except InputError as exc:
            yield path, "", exc
            continue
        if not wanted(source.sha256):
            yield path, source.sha256, None
            continue
        if extractor is None:
            extractor = Extractor(settings.data_dir)
        try:
            done: PreparedDocument | InputError = prepare(source, extractor, settings)
        except InputError as exc:
            done = exc
        yield path, source.sha256, done


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
