"""The persistent graph store: Oxigraph on disk, used through rdflib and oxrdflib.

Layout: every document's contribution is a named graph (``graph:<sha256>``); the default
graph holds the set union of all named graphs, so plain queries see each fact once and
``GRAPH ?g`` queries see where it came from. Writes are single transactions: a document's
named graph and its default-graph triples go in with one bulk ``extend``; removing a
document is one SPARQL update that drops its graph and the default-graph triples no other
document supports. A build that dies therefore leaves each document all in or all out.
"""
from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError
from .graph import graph_iri
from .namespace import ONTOLOGY_IRI, PREFIXES

DEFAULT_STORE = Path("zonegraph-data")

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

    def __init__(self, path: Path | str = DEFAULT_STORE, read_only: bool = False):
        import pyoxigraph as ox
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        self.path = Path(path)
        self.read_only = read_only
        _check_path(self.path, read_only)
        try:
            if read_only:
                self.ox = ox.Store.read_only(str(self.path))
            else:
                self.ox = ox.Store(str(self.path))
        except OSError as exc:
            msg = str(exc)
            if "lock" in msg.lower():
                raise StoreError(f"{self.path}: the store is in use by another build "
                                 "(wait for it to finish)") from None
            raise StoreError(f"{self.path}: cannot open the store ({msg.splitlines()[0]})") from None
        self.dataset = Dataset(store=OxigraphStore(store=self.ox))
        for prefix, ns in PREFIXES.items():
            self.dataset.bind(prefix, ns)

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if not self.read_only:
            try:
                self.ox.flush()
            except (OSError, RuntimeError):
                pass
        # RocksDB closes when the last reference goes: drop them all now, so that a
        # read-only open that follows (export after build) sees a closed database
        if self.dataset is not None:
            self.dataset.store._store = None
        self.dataset = None
        self.ox = None
        gc.collect()

    # ------------------------------------------------------------ documents

    def has_document(self, sha256: str) -> bool:
        import pyoxigraph as ox

        return self.ox.contains_named_graph(ox.NamedNode(str(graph_iri(sha256))))

    def documents(self) -> list[DocumentInfo]:
        rows = self.select(f"""
            SELECT ?sha ?name ?url (COUNT(DISTINCT ?a) AS ?n) WHERE {{
              ?d a zg:Document ; zg:sha256 ?sha ; zg:fileName ?name .
              OPTIONAL {{ ?d schema:url ?url }}
              OPTIONAL {{ ?a zg:inDocument ?d }}
            }} GROUP BY ?sha ?name ?url ORDER BY ?name""")
        return [DocumentInfo(r["sha"], r["name"], r.get("url", ""), int(r["n"])) for r in rows]

    def add_document(self, quads: list[tuple]) -> int:
        """Write one document's quads (one named graph) and their union copy, atomically."""
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, Graph

        if not quads:
            return 0
        store = self.dataset.store
        graphs: dict = {}
        default = Graph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID)

        def ctx(g):
            if g not in graphs:
                graphs[g] = Graph(store=store, identifier=g)
            return graphs[g]

        batch = [(s, p, o, ctx(g)) for s, p, o, g in quads]
        batch += [(s, p, o, default) for s, p, o, _ in quads]
        try:
            store.addN(batch)
        except OSError as exc:
            raise StoreError(f"{self.path}: write failed ({exc})") from None
        return len(quads)

    def remove_document(self, sha256: str) -> None:
        """Drop a document's graph and what only it contributed to the default graph."""
        g = graph_iri(sha256)
        update = f"""
            DELETE {{ ?s ?p ?o }} WHERE {{
              GRAPH <{g}> {{ ?s ?p ?o }}
              FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != <{g}>) }}
            }};
            DROP SILENT GRAPH <{g}>"""
        try:
            self.ox.update(update)
        except OSError as exc:
            raise StoreError(f"{self.path}: could not remove document ({exc})") from None

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
        result = self.ox.query(sparql, prefixes=PREFIXES, substitutions=bindings or None)
        names = [v.value for v in result.variables]
        return [{n: term.value for n, term in zip(names, row) if term is not None} for row in result]

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
        prefixes = {k: v for k, v in PREFIXES.items()}
        if name in QUAD_FORMATS:
            quads = sorted((q for q in self.ox.quads_for_pattern(None, None, None, None)
                            if not isinstance(q.graph_name, ox.DefaultGraph)), key=str)
            ox.serialize(quads, out, rdf_format, prefixes=prefixes if name == "TRIG" else None)
        else:
            triples = sorted((q.triple for q in self.ox.quads_for_pattern(
                None, None, None, ox.DefaultGraph())), key=str)
            kwargs = {"prefixes": prefixes} if name in ("TURTLE",) else {}
            ox.serialize(triples, out, rdf_format, **kwargs)


def ontology_dir() -> Path:
    """``ontology/`` of the repository (or ``$ZONEGRAPH_ONTOLOGY``)."""
    env = os.environ.get("ZONEGRAPH_ONTOLOGY")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "ontology"


__all__ = ["GraphStore", "DocumentInfo", "DEFAULT_STORE", "RDF_FORMATS", "ontology_dir",
           "ONTOLOGY_IRI"]
