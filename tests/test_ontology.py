"""The ontology is the contract: ontology/zonegraph.ttl defines every term, namespace.py
mirrors it exactly, and a built graph uses no zg: term the ontology does not define."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from zonegraph.graph.namespace import ONTOLOGY_IRI, ZG

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"


def _defined_terms() -> set[str]:
    g = Graph().parse(ONTOLOGY / "zonegraph.ttl", format="turtle")
    kinds = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property,
             OWL.SymmetricProperty)
    return {str(s)[len(ONTOLOGY_IRI):] for k in kinds for s in g.subjects(RDF.type, k)
            if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY_IRI)}


def test_namespace_mirrors_the_ontology_exactly():
    in_code = set(ZG.__annotations__)
    assert in_code == _defined_terms()


def test_every_term_has_english_and_chinese_labels():
    g = Graph().parse(ONTOLOGY / "zonegraph.ttl", format="turtle")
    for term in _defined_terms():
        langs = {lit.language for lit in g.objects(URIRef(ONTOLOGY_IRI + term), RDFS.label)}
        assert {"en", "zh"} <= langs, term


def test_shapes_parse():
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")
    assert len(shapes) > 50


def test_a_built_graph_uses_only_defined_terms(sample_store):
    defined = _defined_terms()
    store = ox.Store.read_only(str(sample_store.store))
    used = set()
    for q in store.quads_for_pattern(None, None, None, None):
        for term in (q.predicate, q.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(ONTOLOGY_IRI):
                used.add(term.value[len(ONTOLOGY_IRI):])
    assert used and used <= defined
