"""The graph as of a date: only what articles dated on or before it said.

A document's named graph mixes facts from several articles, so the cut is made inside each
graph, by what every statement hangs on: an article is kept when its ``dcterms:date`` (or
its document's, when it has none) is on or before the date (a year-month when that month
has begun), an undated one only when asked; an evidence node when the
article it was derived from is kept; a relation when kept evidence in the same graph
states it; an entity — its types, names and attributes — when a kept article of that
graph mentions it or kept evidence involves it; a post with its person (and the post's
organization with it, so no post points nowhere). Working graph by graph keeps dated
attributes honest: a fund size stated only in a later document is not in an earlier cut.

``MemoryGraph`` holds such a cut (or a snapshot read back from ``graph.trig``) in an
in-memory Oxigraph store whose default graph is the union, and answers ``select`` like
``GraphStore`` does, so ``viewgraph.load_view_graph`` and the diff read it unchanged.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..errors import ZoneGraphError
from ..graph.namespace import PREFIXES, RELATIONS, SCHEMA, ZG
from ..store.corrections import RDF_OBJECT, RDF_PREDICATE, RDF_SUBJECT, RDF_TYPE

DCTERMS_DATE = "http://purl.org/dc/terms/date"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_RELATIONS = frozenset(str(p) for p in RELATIONS.values())
_SYMMETRIC = str(ZG.cooperatesWith)


DCTERMS_PUBLISHER = "http://purl.org/dc/terms/publisher"


def quad_sort_key(q) -> tuple[str, str, str, str]:
    """Graph first, then subject, predicate, object: TriG then writes each graph once."""
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))


def _cut_graph(quads: list, as_of: str, keep_undated: bool = False) -> list:
    """The quads of one document's named graph that articles dated ≤ ``as_of`` (and, with
    ``keep_undated``, articles without a date) support."""
    by_subject: dict = defaultdict(list)
    types: dict = defaultdict(set)
    for q in quads:
        by_subject[q.subject].append(q)
        if q.predicate.value == RDF_TYPE:
            types[q.subject].add(q.object.value)

    def values(subject, predicate: str) -> list:
        return [q.object for q in by_subject.get(subject, ()) if q.predicate.value == predicate]

    doc_date = ""
    for s, ts in types.items():
        if str(ZG.Document) in ts:
            doc_date = next((d.value[:10] for d in values(s, DCTERMS_DATE)), doc_date)
    kept_articles = set()
    for s, ts in types.items():
        if str(ZG.Article) in ts:
            when = next((d.value[:10] for d in values(s, DCTERMS_DATE)), doc_date)
            if when and when <= as_of or not when and keep_undated:
                kept_articles.add(s)
    if not kept_articles:
        return []
    kept_evidence, relations, entities = set(), set(), set()
    for s, ts in types.items():
        if str(ZG.Evidence) in ts and set(values(s, PROV_DERIVED)) & kept_articles:
            kept_evidence.add(s)
            subj, pred, obj = (values(s, RDF_SUBJECT)[:1], values(s, RDF_PREDICATE)[:1],
                               values(s, RDF_OBJECT)[:1])
            if subj and pred and obj:
                relations.add((subj[0], pred[0].value, obj[0]))
                if pred[0].value == _SYMMETRIC:
                    relations.add((obj[0], pred[0].value, subj[0]))
                entities.update((subj[0], obj[0]))
    for a in kept_articles:
        entities.update(values(a, str(SCHEMA.mentions)))
    for s, ts in types.items():  # the organization publishing a kept document
        if str(ZG.Document) in ts:
            entities.update(o for o in values(s, DCTERMS_PUBLISHER) if o in types)
    positions = {p for e in entities for p in values(e, str(ZG.holds))}
    entities.update(o for p in positions for o in values(p, str(ZG.organization)))

    kept = []
    for s, qs in by_subject.items():
        ts = types.get(s, set())
        if str(ZG.Document) in ts:
            kept += qs
        elif str(ZG.Article) in ts:
            kept += qs if s in kept_articles else []
        elif str(ZG.Evidence) in ts:
            kept += qs if s in kept_evidence else []
        elif str(ZG.Position) in ts:
            kept += qs if s in positions else []
        elif s in entities:
            kept += [q for q in qs if q.predicate.value not in _RELATIONS
                     or (s, q.predicate.value, q.object) in relations]
    return kept


def as_of_quads(ox_store, as_of: str, keep_undated: bool = False) -> list:
    """Every named-graph quad of ``ox_store`` that holds as of ``as_of`` (ISO date), with
    the analysts' corrections applied to each document graph, and the curation graph (the
    corrections, and what they add to what the cut holds), sorted; ``keep_undated`` keeps
    what articles without a date say too."""
    import pyoxigraph as ox

    from ..graph.namespace import CURATION_GRAPH
    from ..store.corrections import is_document_graph, stored_corrections
    from ..store.curation import Curation

    curation = Curation(stored_corrections(ox_store))
    touched = curation.touched(ox_store) if curation else set()
    out, present = [], set()
    for g in sorted(filter(is_document_graph, ox_store.named_graphs()), key=str):
        cut = _cut_graph(list(ox_store.quads_for_pattern(None, None, None, g)), as_of,
                         keep_undated)
        if g.value in touched and cut:
            triples = [q.triple for q in cut]
            present |= curation.present(triples, g.value)
            cut = [ox.Quad(t.subject, t.predicate, t.object, g)
                   for t in curation.apply(triples, g.value)]
        out += cut
    if curation:
        out += [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(CURATION_GRAPH)))
                for t in curation.additions(present)]
    if not all(isinstance(t, ox.NamedNode) or isinstance(t, ox.Literal)
               for q in out for t in (q.subject, q.object)):
        raise ZoneGraphError("the store holds blank nodes; a snapshot needs stable IRIs")
    return sorted(out, key=quad_sort_key)


class MemoryGraph:
    """Named-graph quads in memory, with their union as the default graph.

    Quacks like ``GraphStore`` where readers need it (``select``, ``ox``), so the view
    graph and the diff are computed the same way for a store, a cut and a snapshot.
    """

    def __init__(self, quads: list):
        import pyoxigraph as ox

        self.ox = ox.Store()
        self.ox.extend(quads)
        self.ox.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                       for q in quads)

    @classmethod
    def from_trig(cls, path: Path) -> "MemoryGraph":
        """Read a snapshot's ``graph.trig``."""
        import pyoxigraph as ox

        try:
            quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
        except (OSError, SyntaxError, ValueError) as exc:
            raise ZoneGraphError(f"{path}: cannot read the graph ({exc})") from None
        return cls([q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)])

    def select(self, sparql: str, bindings: dict | None = None) -> list[dict]:
        """Rows of plain strings, as ``GraphStore.select`` returns them."""
        result = self.ox.query(sparql, prefixes=PREFIXES, substitutions=bindings or None)
        names = [v.value for v in result.variables]
        return [{n: t.value for n, t in zip(names, row) if t is not None} for row in result]

    def named_quads(self) -> list:
        import pyoxigraph as ox

        return sorted((q for q in self.ox.quads_for_pattern(None, None, None, None)
                       if not isinstance(q.graph_name, ox.DefaultGraph)), key=quad_sort_key)

    def union_triples(self) -> list:
        import pyoxigraph as ox

        return sorted((q.triple for q in self.ox.quads_for_pattern(None, None, None,
                                                                   ox.DefaultGraph())),
                      key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))

