"""``zonegraph.open(store)``: a read-only handle on a built store for Python and Jupyter.

Every method is a thin layer over the library function the command line calls for the same
question, so a DataFrame here and a table from ``zonegraph query``/``find``/``analyze``
hold the same rows: ``sparql`` and ``named`` run through ``zonegraph.sparql.run`` (the
predeclared prefixes, parameters bound as literals in a ``VALUES`` row, never pasted into
the text), ``find`` through ``zonegraph.sparql.find``, ``cooperation``, ``graph`` and
``view`` load the same ``Selection`` as ``zonegraph view``/``analyze``, ``snapshot`` is
``zonegraph snapshot``'s ``write_snapshot``.

The handle never writes the store. It reads the checkpoint the last build published
(``zonegraph.store.access``), so it works while a build runs elsewhere and sees a build's
documents once it has ended; ``dataset()`` is the exception, frozen at the checkpoint it
opened (call it again after a build).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from .builder import PathLike, store_path
from .values import result_frame

if TYPE_CHECKING:
    import networkx
    import pandas
    import rdflib

    from ..reports.snapshot import Snapshot
    from ..views.viewgraph import Selection
    from .view import View


def open(store: PathLike | None = None) -> "ZoneGraph":  # noqa: A001 (zonegraph.open)
    """Open the store at ``store`` (else ``$ZONEGRAPH_STORE``, else ``./zonegraph-data``)
    for reading.

    Raises ``zonegraph.errors.StoreError`` with one line saying what is wrong when there
    is no store there (build one first), the path is a file, or the store cannot be
    opened. A store another process is building opens at its last published
    checkpoint.

    Example::

        import zonegraph
        g = zonegraph.open("zonegraph-data")
        g.named("zones")
    """
    from ..store.access import shared_read_only

    path = store_path(store)
    shared_read_only(path)  # opens it now, so a bad path fails here and not at the first query
    return ZoneGraph(path)


class ZoneGraph:
    """A read-only handle on one store; get it from ``zonegraph.open``.

    Usable as a context manager: ``close()`` (or leaving the ``with`` block) closes what
    ``dataset()`` opened and forgets the store kept open for queries.

    Example::

        with zonegraph.open("zonegraph-data") as g:
            zones = g.named("zones")
            partners = g.named("zone-partners", zone=zones["zoneName"][0])
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._stores: list = []  # GraphStores opened for dataset()

    def __repr__(self) -> str:
        return f"<ZoneGraph store {str(self.path)!r}>"

    def __enter__(self) -> "ZoneGraph":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the datasets this handle opened and the store kept for its queries."""
        from ..store.access import forget_shared

        for gs in self._stores:
            gs.close(raise_errors=False)
        self._stores.clear()
        forget_shared(self.path)

    # ------------------------------------------------------------ SPARQL

    def sparql(self, query: str, params: Mapping[str, object] | None = None, *,
               timeout: float | None = None) -> "pandas.DataFrame | bool":
        """Run SPARQL on the store: a DataFrame for SELECT (one column per variable, values
        converted: IRIs as text, dates as ``datetime.date``, amounts and counts as numbers),
        subject/predicate/object rows for CONSTRUCT and DESCRIBE, a bool for ASK.

        Prefixes ``zg: rdf: rdfs: owl: xsd: skos: dcterms: prov: org: schema:`` are
        predeclared and the default graph is the union of every document's graph.
        ``params`` bind variables of the same names to plain literals (safely: as a
        ``VALUES`` row, never pasted into the text). ``timeout`` (seconds) runs the query in
        a worker process that is stopped when the time is up. Errors are
        ``zonegraph.errors.QueryError`` with one line (a syntax error says where).

        Example::

            g.sparql("SELECT ?zone ?name WHERE { ?zone a zg:Zone ; rdfs:label ?name }")
            g.sparql("SELECT ?e WHERE { ?e rdfs:label ?name }", {"name": "两江新区"})
        """
        from ..sparql.run import QueryTarget, literal_bindings, run_sparql

        values = {k: str(v) for k, v in (params or {}).items()}
        target = QueryTarget(store=self.path, timeout=timeout)
        return result_frame(run_sparql(target, query, literal_bindings(values)))

    def named(self, name: str, /, **params: object) -> "pandas.DataFrame":
        """Run a shipped research question (``zonegraph query --list``; the README's table)
        with its parameters as keywords; names match any alias of an entity.

        Raises ``QueryError`` for an unknown query (naming close ones), an unknown or
        missing parameter, and a name that matches no entity.

        Example::

            g.named("zone-partners", zone="两江新区")
            g.named("funds-by-size")
        """
        from ..sparql.named import get_named_query
        from ..sparql.run import QueryTarget, run_named

        values = {k: str(v) for k, v in params.items()}
        return result_frame(run_named(QueryTarget(store=self.path), get_named_query(name),
                                      values))

    def find(self, name: str, type: str | None = None,  # noqa: A002 (as --type)
             limit: int | None = 20) -> "pandas.DataFrame":
        """Entities with a name like ``name`` (any of their names, simplified or
        traditional), best first as ``zonegraph find`` ranks them — exact, prefix,
        contains, fuzzy; within each, entities more articles mention first.

        Columns: ``match``, ``name``, ``type``, ``articles``, ``relations``,
        ``matched alias`` (empty when the label matched) and ``id`` (the IRI). No match
        gives an empty DataFrame; ``type`` keeps one entity type, ``limit=None`` all rows.

        Example::

            g.find("两江")
            g.find("科技", type="Enterprise", limit=None)
        """
        import pandas as pd

        from ..sparql.find import COLUMNS, find_entities
        from ..sparql.run import QueryTarget

        matches = find_entities(QueryTarget(store=self.path), name, type, limit)
        return pd.DataFrame([m.row() for m in matches], columns=list(COLUMNS))

    def evidence(self, subject: str, predicate: str | None, object: str  # noqa: A002
                 ) -> "pandas.DataFrame":
        """The sentences behind a relation between two entities (by any of their names),
        with the article's title, source and date, the file and offsets, confidence, rule
        and whether it states a plan — the named query ``relation-evidence``. Both
        directions are tried; ``predicate`` (``cooperatesWith``, ``zg:memberOf`` …) keeps
        one relation, ``None`` every one.

        Example::

            g.evidence("重庆两江新区", "cooperatesWith", "四川天府新区")
        """
        from ..errors import QueryError
        from ..graph.namespace import RELATIONS

        params = {"subject": subject, "object": object}
        if predicate is not None:
            relation = predicate.removeprefix("zg:").rsplit("#", 1)[-1]
            if relation not in RELATIONS:
                raise QueryError(f"{predicate}: not a relation; expected one of "
                                 f"{', '.join(RELATIONS)}")
            params["relation"] = relation
        frame = self.named("relation-evidence", **params)
        return frame.drop(columns=["subjectName", "objectName", "relation"])

    # ------------------------------------------------------------ networks

    def cooperation(self, since: str | None = None, until: str | None = None, *,
                    zones_only: bool = False, min_confidence: float = 0.0
                    ) -> "networkx.Graph":
        """The zone-cooperation network (``zonegraph analyze --cooperation``): zones and the
        places and organizations they cooperate with (a zone's 管委会/党工委 count as the
        zone), one edge per pair.

        Nodes are IRIs with ``label`` and ``type``; edges carry ``weight`` (distinct
        supporting articles), ``evidence`` (sentences) and ``relations``. ``since`` and
        ``until`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) keep evidence from articles in
        that range; a pair stays while one of its sentences does.

        Example::

            import networkx as nx
            G = g.cooperation(since="2023")
            nx.degree_centrality(G)
            sorted(G.edges(data="weight"), key=lambda e: -e[2])[:5]
        """
        from ..views.analyze import to_networkx

        return to_networkx(self._load(self._selection(
            None, since, until, min_confidence, cooperation=True, zones_only=zones_only)))

    def graph(self, focus: str | None = None, depth: int = 1, *, types: str | Iterable[str] | None = None,
              since: str | None = None, until: str | None = None,
              min_confidence: float = 0.0, cooperation: bool = False,
              zones_only: bool = False) -> "networkx.MultiDiGraph":
        """The graph a view with the same options shows, as a directed multigraph: one
        edge per relation (key and ``predicate`` its name, e.g. ``memberOf``; a
        ``cooperatesWith`` pair once), with ``weight`` (supporting articles),
        ``evidence`` (sentences), ``first_date`` and ``latest_date``. Nodes are IRIs with
        ``label``, ``type``, ``aliases``, ``articles`` and, when known, ``amountCNY`` and
        ``date`` (a policy's issue or a zone's approval) — what a snapshot's
        ``graph.graphml`` holds.

        ``focus`` keeps the entities within ``depth`` relations of the one with that name;
        ``types`` (``"Zone,Enterprise"`` or a list) the entity types; ``since``/``until``
        and ``min_confidence`` filter evidence first, as in ``zonegraph view``.

        Example::

            G = g.graph(focus="两江新区", depth=2)
            [(G.nodes[s]["label"], k, G.nodes[o]["label"]) for s, o, k in G.edges(keys=True)]
        """
        from ..reports.tables import to_gephi_graph

        return to_gephi_graph(self._load(self._selection(
            types, since, until, min_confidence, cooperation=cooperation,
            zones_only=zones_only, focus=focus, depth=depth)))

    def view(self, focus: str | None = None, depth: int = 1, *, cooperation: bool = False,
             zones_only: bool = False, types: str | Iterable[str] | None = None, since: str | None = None,
             until: str | None = None, min_confidence: float = 0.0,
             size_by: str = "degree", color_by: str = "type", physics_limit: int = 500,
             title: str | None = None) -> "View":
        """An interactive network view — the page ``zonegraph view`` writes, with the same
        options — that renders inline in Jupyter and is written by ``.save(path)``.

        ``size_by`` is ``degree``, ``betweenness`` or ``articles``; ``color_by`` ``type``
        or ``community``; above ``physics_limit`` nodes the layout is precomputed.

        Example::

            g.view(focus="两江新区", depth=2)              # shown inline
            g.view(cooperation=True, since="2024", color_by="community").save("coop.html")
        """
        from ..views.page import ViewOptions, page_html
        from .view import View

        selection = self._selection(types, since, until, min_confidence,
                                    cooperation=cooperation, zones_only=zones_only,
                                    focus=focus, depth=depth)
        title = title or selection.title
        text, shown = page_html(self._load(selection),
                                ViewOptions(title, size_by, color_by, physics_limit))
        return View(text, title, shown.nodes, shown.edges, shown.notes, shown.precomputed)

    # ------------------------------------------------------------ RDF and reports

    def dataset(self) -> "rdflib.Dataset":
        """The store as an rdflib ``Dataset`` (through oxrdflib, on Oxigraph), read-only:
        one named graph per document, the default graph their union. Adding or removing
        triples raises an error and changes nothing. It shows the store as it was when
        called; ``close()`` closes it.

        Example::

            ds = g.dataset()
            ds.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        """
        from ..store.graph_store import GraphStore

        gs = GraphStore(self.path, read_only=True)
        self._stores.append(gs)
        return gs.dataset

    def snapshot(self, as_of: str, out: PathLike, *, title: str | None = None,
                 since: PathLike | None = None) -> "Snapshot":
        """Write a dated snapshot folder, as ``zonegraph snapshot``: the graph from the
        articles dated on or before ``as_of`` (``YYYY``, ``YYYY-MM``: the last day of the
        period), its tables, GraphML/GEXF, figures, view and report; ``since`` an earlier
        snapshot folder to report what is new. Returns the ``Snapshot`` (``path``,
        ``manifest`` with counts and file hashes).

        Example::

            snap = g.snapshot(as_of="2024-03-31", out="snapshots/2024-q1")
            snap.manifest["counts"]["cooperation_pairs"]
        """
        from ..reports.snapshot import Snapshot, write_snapshot

        manifest = write_snapshot(self.path, as_of, Path(out), title=title,
                                  since=Path(since) if since is not None else None)
        return Snapshot(Path(out), manifest)

    # ------------------------------------------------------------ shared

    def _selection(self, types: str | Iterable[str] | None, since: str | None, until: str | None,
                   min_confidence: float, **parts) -> "Selection":
        from ..errors import ZoneGraphError
        from ..views.viewgraph import Selection, ViewFilter

        if parts.get("depth", 1) < 1:
            raise ZoneGraphError("depth must be at least 1")
        if not 0.0 <= min_confidence <= 1.0:
            raise ZoneGraphError("min_confidence must be between 0 and 1")
        if types is not None and not isinstance(types, str):
            types = ",".join(types)
        return Selection(ViewFilter.parse(types, since, until, min_confidence), **parts)

    def _load(self, selection: "Selection"):
        from ..views.viewgraph import load_selection

        return load_selection(self.path, selection)

