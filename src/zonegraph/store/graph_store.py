"""The persistent graph store: Oxigraph on disk, used through rdflib and oxrdflib.

Layout: every document's contribution is a named graph (``graph:<sha256>``); the default
graph holds the set union of all named graphs, so plain queries see each fact once and
``GRAPH ?g`` queries see where it came from. A document's named graph and its
default-graph copy are N-Quads (parsed and inserted by Oxigraph itself, so the writing
process spends no Python time per triple, and parallel builds serialize in their workers).

A build queues documents and writes them in batches with Oxigraph's bulk loader, which
writes sorted table files instead of a transaction per document: 2.3× less CPU at 10,000
articles, and the single writer is a parallel build's critical path. The bulk loader is
not atomic, so each batch is first written to a journal that the next writer loads again
if a build dies while loading; small batches go in as one transaction; a build that
bulk-loaded compacts the store when it closes. Removing a document is one SPARQL update
that drops its graph and the default-graph triples no other document supports. A build
that dies therefore leaves each document all in or all out.

One process writes at a time; readers open the checkpoint the writer last published, never
the database being written (``zonegraph.store.access`` says why and how).

Analysts' corrections live in the curation graph and the default graph is kept curated
(``zonegraph.store.curation``): a batch that mentions a corrected entity, a removal or a
change of the corrections re-derives what the corrections touch; ``raw=True`` reads the
union of the document graphs instead, extraction alone.
"""
from __future__ import annotations

import gc
import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import StoreError
from ..graph.namespace import CURATION_GRAPH, ONTOLOGY_IRI, PREFIXES, SCHEMA, ZG
from ..graph.triples import document_iri, graph_iri
from . import access as store_access
from . import corrections
from . import curation as curate

DEFAULT_STORE = Path("zonegraph-data")
#: Queued N-Quads are bulk-loaded once they reach this size (``$ZONEGRAPH_BATCH_BYTES``):
#: bigger batches cost less CPU per quad (table files merged less often) and more memory;
#: 32 MB is about 150,000 quads.
BATCH_BYTES = int(os.environ.get("ZONEGRAPH_BATCH_BYTES") or 32 << 20)
#: A batch smaller than this is one ordinary transaction instead: the bulk loader's fixed
#: cost (table files for every index) outweighs its gain on a few documents.
TRANSACTION_BYTES = BATCH_BYTES // 8
#: The batch being bulk-loaded, kept until Oxigraph has it all (``GraphStore.flush``).
JOURNAL_NAME = "zonegraph-loading.nq"
PARTIAL_JOURNAL_NAME = JOURNAL_NAME + ".partial"  # being written: not a batch yet

#: Output formats by file suffix / format name.
RDF_FORMATS = {"ttl": "TURTLE", "turtle": "TURTLE", "trig": "TRIG", "nq": "N_QUADS",
               "nquads": "N_QUADS", "nt": "N_TRIPLES", "jsonld": "JSON_LD", "json-ld": "JSON_LD"}
QUAD_FORMATS = {"TRIG", "N_QUADS"}


@dataclass(frozen=True)
class DocumentInfo:
    sha256: str
    file_name: str
    url: str
    articles: int


def _check_path(path: Path, read_only: bool) -> None:
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: store path is a file, not a directory")
    if read_only:
        if not path.is_dir():
            raise StoreError(f"{path}: no graph store here (run `zonegraph build` first)")
        return
    parent = path if path.exists() else path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not os.access(parent, os.W_OK):
        raise StoreError(f"{path}: store path is not writable")


class GraphStore:
    """An opened store. Use as a context manager; ``read_only`` for queries and exports."""

    def __init__(self, path: Path | str = DEFAULT_STORE, read_only: bool = False,
                 wait: float = 0.0, raw: bool = False):
        """Open for reading (the newest published checkpoint) or for writing (exclusively:
        another writer is refused, or waited for up to ``wait`` seconds); see
        ``zonegraph.store.access``. ``raw`` reads extraction alone, without corrections."""
        import pyoxigraph as ox

        self.path = Path(path)
        self.read_only = read_only
        self.raw = raw
        self._curation: curate.Curation | None = None
        self._markers = None  # the footprint's IRIs (``curation.footprint_markers``)
        #: Written since the footprint was last re-derived (``_settle``).
        self._stale = False
        self._dataset = self.ox = self._lock = None
        self._queued: list[QueuedDocument] = []
        self._queued_bytes = 0
        self._writer: ThreadPoolExecutor | None = None
        self._writing: tuple[set[str], Future] | None = None  # sha256s of the batch, its load
        self._bulk_loaded = False
        _check_path(self.path, read_only)
        if read_only:
            self.ox = store_access.open_read_only(self.path)
        else:
            self._lock = store_access.WriterLock(self.path, wait)
            try:
                self.ox = ox.Store(str(self.path))
                self._load_journal()
                self._markers = curate.footprint_markers(self.curation)
                if store_access.needs_publishing(self.path):
                    if self.curation:  # a writer may have died between a write and its
                        self._rederive()  # re-derivation
                    store_access.publish(self.ox, self.path)
            except (OSError, RuntimeError, StoreError) as exc:
                self.ox = None  # closed without publishing: what it holds may be half-written
                self.close(raise_errors=False)
                if isinstance(exc, StoreError):
                    raise
                if "lock" in str(exc).lower():
                    raise StoreError(f"{self.path}: the store is in use by another build "
                                     "(wait for it to finish)") from None
                raise StoreError(f"{self.path}: cannot open the store "
                                 f"({store_access.one_line(exc)})") from None
            self._published_at = time.monotonic()

    @property
    def dataset(self):
        """The store as an rdflib ``Dataset`` (through oxrdflib), made on first use:
        importing rdflib's plugins and binding prefixes costs a short command ~0.15 s."""
        self._settle()
        if self._dataset is None:
            if self.ox is None:
                raise StoreError(f"{self.path}: the store is closed")
            from oxrdflib import OxigraphStore
            from rdflib import Dataset

            self._dataset = Dataset(store=OxigraphStore(store=self.ox))
            for prefix, ns in PREFIXES.items():
                self._dataset.bind(prefix, ns)
        return self._dataset

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self.close(raise_errors=exc_type is None)

    def close(self, raise_errors: bool = True) -> None:
        """Close; a writer first publishes what it wrote for readers, and releases its lock
        only once RocksDB is closed."""
        problem = None
        if self._lock is not None and self.ox is not None:
            try:
                self._settle()  # whole documents, so written even when a build stops early
                if self._bulk_loaded:
                    self.compact()
                if store_access.needs_publishing(self.path):
                    store_access.publish(self.ox, self.path)
                self.ox.flush()
            except StoreError as exc:
                problem = exc
            except (OSError, RuntimeError):
                pass
        if self._writer is not None:
            self._writer.shutdown()
            self._writer = None
        # RocksDB closes when the last reference goes: drop them all now, so that a
        # read-only open that follows (export after build) sees a closed database
        self.ox = None
        if self._dataset is not None:  # rdflib's graphs hold the store in reference cycles
            self._dataset.store._store = None
            self._dataset = None
            gc.collect()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if problem is not None and raise_errors:
            raise problem

    # ------------------------------------------------------------ corrections

    @property
    def curation(self) -> curate.Curation:
        """The corrections in force (read from the curation graph once)."""
        if self._curation is None:
            self._curation = curate.Curation(corrections.stored_corrections(self.ox))
        return self._curation

    def _rederive(self, before: curate.Curation | None = None, also: tuple[str, ...] = ()):
        return curate.rederive(self.ox, before or curate.Curation(), self.curation, also)

    def change_corrections(self, add: list[corrections.Correction] = (),
                           remove: list[corrections.Correction] = ()) -> tuple[int, int]:
        """Add and remove corrections, and re-derive the default graph with them, in one
        atomic update; return (triples removed, triples added) in the default graph."""
        self.flush()  # the re-derivation below covers what ``_settle`` would do
        before = self.curation
        gone = {c.id for c in remove}
        kept = [c for c in before.corrections if c.id not in gone]
        new = [c for c in add if c.id not in {k.id for k in kept}]
        after = curate.Curation(kept + new)
        g = f"<{CURATION_GRAPH}>"
        also = []
        if remove:
            also.append(f"DROP SILENT GRAPH {g}")
        records = [t for c in (after.corrections if remove else new)
                   for t in corrections.record_triples(c)]
        if records:
            also.append("INSERT DATA { GRAPH " + g + " { "
                        + " ".join(f"{s} {p} {o} ." for s, p, o in records) + " } }")
        self._before_write()
        self._curation = after
        try:
            changed = self._rederive(before, tuple(also))
        except OSError as exc:
            self._curation = before
            raise StoreError(f"{self.path}: could not write the corrections "
                             f"({store_access.one_line(exc)})") from None
        self._markers = curate.footprint_markers(after)
        self._stale = False
        self._after_write()
        return changed

    def _before_write(self) -> None:
        store_access.mark_unpublished(self.path)

    def _settle(self) -> None:
        """Write the queued documents and, if they (or a removal) touched what corrections
        change, re-derive that: what every reader of the default graph needs first. A
        build removes and writes many documents, then settles once."""
        self.flush()
        if self._stale:
            self._rederive()
            self._stale = False

    def _after_write(self) -> None:
        """Publish now and then during a long build, so readers see it progress."""
        if time.monotonic() - self._published_at >= store_access.PUBLISH_SECONDS:
            if self._stale:  # never publish extraction alone where a correction applies
                self._rederive()
                self._stale = False
            store_access.publish(self.ox, self.path)
            self._published_at = time.monotonic()

    # ------------------------------------------------------------ documents

    def has_document(self, sha256: str) -> bool:
        import pyoxigraph as ox

        return (any(d.sha256 == sha256 for d in self._queued)
                or self._writing is not None and sha256 in self._writing[0]
                or self.ox.contains_named_graph(ox.NamedNode(str(graph_iri(sha256)))))

    def metadata_digest(self, sha256: str) -> str:
        """The ``zg:metadataSha256`` a stored document was built with ("" for none)."""
        import pyoxigraph as ox

        for q in self.ox.quads_for_pattern(ox.NamedNode(str(document_iri(sha256))),
                                           ox.NamedNode(str(ZG.metadataSha256)), None,
                                           ox.NamedNode(str(graph_iri(sha256)))):
            return q.object.value
        return ""

    def documents(self) -> list[DocumentInfo]:
        rows = self.select("""
            SELECT ?sha ?name ?url (COUNT(DISTINCT ?a) AS ?n) WHERE {
              ?d a zg:Document ; zg:sha256 ?sha ; zg:fileName ?name .
              OPTIONAL { ?d schema:url ?url }
              OPTIONAL { ?a zg:inDocument ?d }
            } GROUP BY ?sha ?name ?url ORDER BY ?name""")
        return [DocumentInfo(r["sha"], r["name"], r.get("url", ""), int(r["n"])) for r in rows]

    def queue_document(self, sha256: str, nquads: bytes | Iterable[bytes]) -> None:
        """Write one document's N-Quads, whole or in parts (``graph.DocumentQuads``), with
        the next batch.

        It is written by ``flush``: when the queue reaches ``BATCH_BYTES`` (in the writer
        thread), before any query or removal, and when the store closes. ``has_document``
        already counts it. A document bigger than a batch (an archive of many articles) is
        written at once and alone, without ever being held whole (``_load_alone``).
        """
        parts, size = [], 0
        rest = iter((nquads,) if isinstance(nquads, bytes) else nquads)
        for part in rest:
            parts.append(part)
            size += len(part)
            if size >= BATCH_BYTES:
                self._load_alone(parts, rest)
                return
        self._queued.append(QueuedDocument(sha256, tuple(parts)))
        self._queued_bytes += size
        if self._queued_bytes >= BATCH_BYTES:
            self.flush(wait=False)

    def _load_alone(self, head: list[bytes], rest: Iterator[bytes]) -> None:
        """Bulk-load one document from the journal, writing its parts (``head``, the parts
        already made, then ``rest``) there as they are made, and dropping each once written:
        the journal holds all of it before any of it is loaded, so a build killed meanwhile
        leaves it all in (``_load_journal``) or all out (the partial journal)."""
        self.flush()  # the documents queued before it go first
        self._before_write()
        touched = []

        def parts() -> Iterator[bytes]:
            """``head`` then ``rest``, noting a part that touches what a correction changes."""
            while head:
                part = head.pop(0)
                yield from noted(part)
            for part in rest:
                yield from noted(part)

        def noted(part: bytes) -> tuple[bytes]:
            if self._markers is not None and not touched and self._markers.search(part):
                touched.append(True)
            return (part,)

        try:
            journal = _write_journal(self.path, parts())
            self._bulk_load_file(journal)
            journal.unlink()
        except OSError as exc:
            raise StoreError(f"{self.path}: write failed ({store_access.one_line(exc)})") from None
        self._bulk_loaded = True
        self._stale = self._stale or bool(touched)
        self._after_write()

    def flush(self, wait: bool = True) -> None:
        """Write the queued documents: a large batch through Oxigraph's bulk loader, after
        writing it to the journal (the bulk loader is not atomic: a writer killed while it
        runs leaves indexes half-written, which ``_load_journal`` mends by loading the
        whole batch again), a small one as a single transaction.

        With ``wait=False`` a bulk load runs in a thread (Oxigraph releases the GIL while
        it loads), so the build goes on extracting, or feeding its workers, meanwhile;
        the next flush, and so every query, removal or close, waits for it first.
        """
        self._finish_writing()
        if not self._queued:
            return
        data = b"".join(part for d in self._queued for part in d.nquads)
        batch, self._queued, self._queued_bytes = self._queued, [], 0
        self._before_write()
        if wait or len(data) < TRANSACTION_BYTES:
            self._write(data)
            return
        if self._writer is None:
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="zonegraph-writer")
        self._writing = {d.sha256 for d in batch}, self._writer.submit(self._write, data)

    def _finish_writing(self) -> None:
        """Wait for the batch being written in the writer thread; raise what it raised."""
        if self._writing is not None:
            _, loading = self._writing
            self._writing = None
            loading.result()

    def _write(self, data: bytes) -> None:
        import pyoxigraph as ox

        # lenient: IRIs are not checked again (10 % of the bulk loader's time); ZoneGraph
        # wrote every one of them (``graph.DocumentQuads``), and literals are escaped
        nquads = {"format": ox.RdfFormat.N_QUADS, "lenient": True}
        try:
            if len(data) < TRANSACTION_BYTES:
                self.ox.load(data, **nquads)
            else:
                journal = _write_journal(self.path, (data,))
                self.ox.bulk_load(data, **nquads)
                journal.unlink()
                self._bulk_loaded = True
            if not self._stale and self._markers is not None and self._markers.search(data):
                self._stale = True  # the batch's default-graph copy is extraction alone
        except OSError as exc:
            raise StoreError(f"{self.path}: write failed ({store_access.one_line(exc)})") from None
        self._after_write()

    def compact(self) -> None:
        """Merge the store's table files (RocksDB compaction).

        Each bulk-loaded batch adds table files that overlap every earlier one, and every
        range scan reads them all. After a 10,000-article build, compacting takes about
        6 s; before it, scans took 35–45 % longer; after it, the named queries run 30–55 %
        faster than on a store written a transaction per document.
        """
        try:
            self.ox.optimize()
        except OSError as exc:
            raise StoreError(f"{self.path}: could not compact the store "
                             f"({store_access.one_line(exc)})") from None

    def _bulk_load_file(self, nquads: Path) -> None:
        """Bulk-load an N-Quads file a batch (``BATCH_BYTES``) at a time: Oxigraph's bulk
        loader holds up to a million quads or so in memory before writing, about 400 MB
        for a 2 MB text of a thousand articles. Not atomic, no more than one batch is:
        the file is a journal, loaded again whole if a load is cut short."""
        import pyoxigraph as ox

        with open(nquads, "rb") as fh:
            while batch := fh.read(BATCH_BYTES) + fh.readline():  # whole lines, whole quads
                self.ox.bulk_load(batch, format=ox.RdfFormat.N_QUADS, lenient=True)

    def _load_journal(self) -> None:
        """Finish the batch a killed writer was bulk-loading (loading it twice is harmless)."""
        journal = self.path / JOURNAL_NAME
        journal.with_name(PARTIAL_JOURNAL_NAME).unlink(missing_ok=True)  # never loaded
        if journal.exists():
            store_access.mark_unpublished(self.path)
            try:
                self._bulk_load_file(journal)
            except (SyntaxError, ValueError) as exc:
                raise StoreError(f"{self.path}: cannot finish writing the batch a stopped build "
                                 f"left in {JOURNAL_NAME} ({store_access.one_line(exc)}); "
                                 "build into a new store") from None
            journal.unlink()

    def documents_at(self, url: str) -> list[str]:
        """The sha256 of every stored document read from ``url`` (a file URI)."""
        import pyoxigraph as ox

        sha = ox.NamedNode(str(ZG.sha256))
        found = []
        for q in self.ox.quads_for_pattern(None, ox.NamedNode(str(SCHEMA.url)), ox.NamedNode(url),
                                           ox.DefaultGraph()):
            found += [t.object.value for t in self.ox.quads_for_pattern(
                q.subject, sha, None, ox.DefaultGraph())]
        return found

    def remove_document(self, sha256: str) -> None:
        """Drop a document's graph and what only it contributed to the default graph."""
        self.flush()
        g = graph_iri(sha256)
        update = f"""
            DELETE {{ ?s ?p ?o }} WHERE {{
              GRAPH <{g}> {{ ?s ?p ?o }}
              FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != <{g}>) }}
            }};
            DROP SILENT GRAPH <{g}>"""
        self._before_write()
        try:
            self.ox.update(update)
        except OSError as exc:
            raise StoreError(f"{self.path}: could not remove document ({exc})") from None
        self._stale = self._stale or bool(self.curation)  # what only it supported, curated
        self._after_write()

    def find_documents(self, name_or_sha: str) -> list[DocumentInfo]:
        """Documents whose sha256 (or a prefix of it), file name or path is ``name_or_sha``."""
        key = str(name_or_sha)
        absolute = Path(key).resolve().as_uri() if key else ""
        return [d for d in self.documents()
                if d.sha256.startswith(key.lower()) and len(key) >= 8
                or d.file_name == key or d.url == absolute or d.file_name == Path(key).name]

    # ------------------------------------------------------------ reading

    def select(self, sparql: str, bindings: dict | None = None) -> list[dict]:
        """Run a SELECT and return rows of plain Python strings (for internal use)."""
        self._settle()
        result = self.ox.query(sparql, prefixes=PREFIXES, substitutions=bindings or None,
                               **self.graph_options())
        names = [v.value for v in result.variables]
        return [{n: term.value for n, term in zip(names, row) if term is not None} for row in result]

    def graph_options(self) -> dict:
        """Query options for reading this store: with ``raw``, the default graph is the
        union of the document graphs (each fact once per document that states it)."""
        if not self.raw:
            return {}
        return {"default_graph": self.document_graph_names()}

    def document_graph_names(self) -> list:
        return sorted((g for g in self.ox.named_graphs() if corrections.is_document_graph(g)),
                      key=str)

    def document_graphs(self):
        """``(graph name, triples)`` of every document graph, with the corrections applied
        unless ``raw``, and then (unless ``raw``, when there are corrections) the curation
        graph holding them and what they add: the graphs a curated TriG export or a push
        writes, whose union is the default graph."""
        import pyoxigraph as ox

        self._settle()
        curation = curate.Curation() if self.raw else self.curation
        touched = curation.touched(self.ox) if curation else set()
        present = set()
        for g in self.document_graph_names():
            triples = [q.triple for q in self.ox.quads_for_pattern(None, None, None, g)]
            if g.value in touched:
                present |= curation.present(triples, g.value)
                triples = curation.apply(triples, g.value)
            yield g, triples
        if curation:
            yield ox.NamedNode(str(CURATION_GRAPH)), curation.additions(present)

    def triple_count(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0]["n"]) if rows else 0

    def export(self, out, fmt: str) -> None:
        """Write the graph: named graphs for TriG/N-Quads, the union for triple formats."""
        import pyoxigraph as ox

        name = RDF_FORMATS.get(fmt.lower().lstrip("."))
        if name is None:
            raise StoreError(f"unknown export format {fmt!r}; expected one of "
                             f"{', '.join(sorted(set(RDF_FORMATS)))}")
        rdf_format = getattr(ox.RdfFormat, name)
        self._settle()
        prefixes = {k: v for k, v in PREFIXES.items()}
        if name in QUAD_FORMATS:
            quads = sorted((ox.Quad(t.subject, t.predicate, t.object, g)
                            for g, triples in self.document_graphs() for t in triples), key=str)
            ox.serialize(quads, out, rdf_format, prefixes=prefixes if name == "TRIG" else None)
        else:
            if self.raw:
                triples = sorted({t for _, ts in self.document_graphs() for t in ts}, key=str)
            else:
                triples = sorted((q.triple for q in self.ox.quads_for_pattern(
                    None, None, None, ox.DefaultGraph())), key=str)
            kwargs = {"prefixes": prefixes} if name in ("TURTLE",) else {}
            ox.serialize(triples, out, rdf_format, **kwargs)


@dataclass(frozen=True)
class QueuedDocument:
    sha256: str
    nquads: tuple[bytes, ...]  # in parts


def _write_journal(store: Path, parts: Iterable[bytes]) -> Path:
    """N-Quads given in ``parts`` as the store's journal: complete (written under another
    name, synced, renamed) or absent (a partial one is removed, here if making a part
    failed, else by the next writer)."""
    journal = store / JOURNAL_NAME
    partial = journal.with_name(PARTIAL_JOURNAL_NAME)
    try:
        with open(partial, "wb") as fh:
            for part in parts:
                fh.write(part)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.rename(partial, journal)
    return journal


def file_format(out: Path) -> str:
    """The RDF format an output file's suffix names (``graph.trig`` → ``trig``), or a
    ``StoreError`` before anything is built or written."""
    fmt = Path(out).suffix.lower().lstrip(".")
    if fmt not in RDF_FORMATS:
        raise StoreError(f"{out}: unknown output format; use .trig, .nq, .ttl or .jsonld")
    return fmt


def export_file(store_path: Path, out: Path, fmt: str | None = None, raw: bool = False) -> Path:
    """Write the store's graph to ``out`` (format ``fmt``, else from its suffix), complete
    or not at all: written under a ``.part`` name, then renamed. Curated unless ``raw``
    (extraction alone)."""
    out = Path(out)
    fmt = fmt or file_format(out)
    tmp = out.with_name(out.name + ".part")
    out.parent.mkdir(parents=True, exist_ok=True)
    with GraphStore(store_path, read_only=True, raw=raw) as gs, tmp.open("wb") as fh:
        gs.export(fh, fmt)
    tmp.replace(out)
    return out


def ontology_dir() -> Path:
    """``ontology/`` of the repository (or ``$ZONEGRAPH_ONTOLOGY``)."""
    env = os.environ.get("ZONEGRAPH_ONTOLOGY")
    return Path(env) if env else Path(__file__).resolve().parents[3] / "ontology"


__all__ = ["GraphStore", "DocumentInfo", "DEFAULT_STORE", "RDF_FORMATS", "ontology_dir",
           "file_format", "export_file",
           "ONTOLOGY_IRI"]
